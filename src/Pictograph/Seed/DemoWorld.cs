using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Media;

namespace Pictograph.Seed;

/// <summary>
/// The demo world seeded into an empty database: one app, an account of each type with real JPEGs, a
/// video with its thumbnail, a carousel, a story and a promoted post, and a ready Basic Display token.
/// </summary>
public sealed class DemoWorld(IDbContextFactory<PictographDb> dbFactory, IdAllocator ids, IMediaStore store, TokenService tokens, TimeProvider clock)
{
    public const string AppName = "Pictograph Demo";
    public const string PersonalUsername = "jane.doe";

    /// <summary>Every demo person signs in with this password (Instagram accounts and the Facebook user).</summary>
    public const string DemoPassword = "pictograph";

    public const string DeveloperEmail = "dev@example.com";
    public const string DemoRedirectUri = "http://localhost:3000/auth/callback";
    private static readonly string[] DemoScopes = ["user_profile", "user_media"];

    public sealed record Summary(long AppId, string AppSecret, string Username, long AccountId, string Token);

    public async Task<Summary?> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using (var check = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await check.Apps.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var app = new App
        {
            Id = await ids.NextAsync(NodeKind.App, cancellationToken).ConfigureAwait(false),
            Name = AppName,
            Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now,
            Mode = AppMode.Development,
            RedirectUris = DemoRedirectUri,
        };
        db.Apps.Add(app);
        var passwordHash = Passwords.Hash(DemoPassword);

        var jane = await AccountAsync(db, PersonalUsername, AccountType.Personal, "Jane Doe", null, 1, now, cancellationToken).ConfigureAwait(false);
        var shop = await AccountAsync(db, "example_shop", AccountType.Business, "Example Shop", "Small-batch coffee, roasted weekly.", 2, now, cancellationToken).ConfigureAwait(false);
        var creator = await AccountAsync(db, "studio.creator", AccountType.MediaCreator, "Studio Creator", "Films, photos and process.", 3, now, cancellationToken).ConfigureAwait(false);
        foreach (var account in new[] { jane, shop, creator })
        {
            account.PasswordHash = passwordHash;
        }

        // Facebook Login's side: a developer who administers the app and manages the Pages that the
        // professional accounts are linked to.
        var developer = new FacebookUser
        {
            Id = await ids.NextAsync(NodeKind.FacebookUser, cancellationToken).ConfigureAwait(false),
            Name = "Dev Eloper",
            Email = DeveloperEmail,
            PasswordHash = passwordHash,
            CreatedAt = now - (800 * 86_400L),
        };
        db.FacebookUsers.Add(developer);
        db.AppRoles.Add(new AppRole { AppId = app.Id, PersonId = developer.Id, Role = AppRoleKind.Administrator });
        db.AppRoles.Add(new AppRole { AppId = app.Id, PersonId = jane.Id, Role = AppRoleKind.Tester });
        foreach (var (account, category) in new[] { (shop, "Coffee Shop"), (creator, "Video Creator") })
        {
            var page = new Page
            {
                Id = await ids.NextAsync(NodeKind.Page, cancellationToken).ConfigureAwait(false),
                Name = account.Name!,
                Category = category,
                InstagramAccountId = account.Id,
            };
            db.Pages.Add(page);
            db.PageRoles.Add(new PageRole { PageId = page.Id, FacebookUserId = developer.Id, Tasks = "MANAGE,CREATE_CONTENT,MODERATE,ADVERTISE,ANALYZE" });
            db.AppRoles.Add(new AppRole { AppId = app.Id, PersonId = account.Id, Role = AppRoleKind.Tester });
        }

        var day = 86_400L;
        var seed = 10;
        async Task<Data.Media> Post(Account owner, MediaType type, MediaProductType product, string? caption, long age, long? parentId = null, int position = 0)
        {
            var id = await ids.NextAsync(NodeKind.Media, cancellationToken).ConfigureAwait(false);
            var media = new Data.Media
            {
                Id = id,
                Shortcode = Shortcodes.For(id),
                OwnerId = owner.Id,
                MediaType = type,
                ProductType = product,
                Caption = caption,
                CreatedAt = now - age,
                ParentId = parentId,
                Position = position,
                InGrid = Data.Media.IsGridItem(product, parentId),
            };
            if (type == MediaType.Image)
            {
                media.FileKey = await PutAsync(media.Id, "jpg", DemoImages.Jpeg(1080, seed % 2 == 0 ? 1080 : 1350, seed++), cancellationToken).ConfigureAwait(false);
            }
            else if (type == MediaType.Video)
            {
                media.FileKey = await PutAsync(media.Id, "mp4", DemoAssets.Read(DemoAssets.Video), cancellationToken).ConfigureAwait(false);
                media.ThumbnailKey = await PutAsync(media.Id, "jpg", DemoAssets.Read(DemoAssets.VideoThumbnail), cancellationToken).ConfigureAwait(false);
            }

            db.Media.Add(media);
            return media;
        }

        // jane.doe: a year of posts, newest first in the grid, plus the things the grid must not list.
        string[] captions =
        [
            "Morning light over the harbour", "First snow of the season ❄️", "Sunday market haul", "Golden hour on the ridge",
            "New plant, who dis 🌱", "Rainy window, warm tea", "Bike ride along the canal", "Weekend in the mountains #hiking",
        ];
        for (var i = 0; i < captions.Length; i++)
        {
            await Post(jane, MediaType.Image, MediaProductType.Feed, captions[i], (i * 9 + 2) * day).ConfigureAwait(false);
        }

        await Post(jane, MediaType.Video, MediaProductType.Feed, "A quick clip from the beach 🌊", 5 * day).ConfigureAwait(false);
        var album = await Post(jane, MediaType.CarouselAlbum, MediaProductType.Feed, "Three days in Lisbon", 12 * day).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            var child = await Post(jane, MediaType.Image, MediaProductType.Feed, null, 12 * day, album.Id, i).ConfigureAwait(false);
            album.FileKey ??= child.FileKey;
        }

        await Post(jane, MediaType.Video, MediaProductType.Reels, "Timelapse of the city at night", 20 * day).ConfigureAwait(false);
        await Post(jane, MediaType.Image, MediaProductType.Story, "Coffee first", 3 * 3600).ConfigureAwait(false);
        await Post(jane, MediaType.Image, MediaProductType.Ad, "Promoted: our spring collection", 1 * day).ConfigureAwait(false);

        foreach (var (owner, caption) in new[]
                 {
                     (shop, "This week's single origin: Ethiopia Guji #coffee"), (shop, "Behind the roaster #smallbatch"),
                     (creator, "Storyboard for the next short"), (creator, "On set, day 2 #filmmaking"),
                 })
        {
            await Post(owner, MediaType.Image, MediaProductType.Feed, caption, seed * day / 3).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var (token, _) = await tokens.IssueAsync(new TokenGrant(app.Id, jane.Id, TokenFlavour.BasicDisplay, TokenKind.LongLived, DemoScopes), cancellationToken).ConfigureAwait(false);
        return new Summary(app.Id, app.Secret, jane.Username, jane.Id, token);
    }

    private async Task<Account> AccountAsync(PictographDb db, string username, AccountType type, string name, string? bio, int seed, long now, CancellationToken cancellationToken)
    {
        var account = new Account
        {
            Id = await ids.NextAsync(NodeKind.Account, cancellationToken).ConfigureAwait(false),
            Username = username,
            AccountType = type,
            Name = name,
            Biography = bio,
            CreatedAt = now - (400 * 86_400L),
        };
        account.ProfilePictureKey = await PutAsync(account.Id, "jpg", DemoImages.ProfilePicture(seed), cancellationToken).ConfigureAwait(false);
        db.Accounts.Add(account);
        return account;
    }

    private async Task<string> PutAsync(long id, string extension, byte[] bytes, CancellationToken cancellationToken)
    {
        var key = MediaKey.For(id, extension);
        using var content = new MemoryStream(bytes, writable: false);
        await store.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
        return key;
    }
}
