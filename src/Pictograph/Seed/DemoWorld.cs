using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Media;

namespace Pictograph.Seed;

/// <summary>
/// The demo world seeded into an empty database: one app, an account of each type with real JPEGs, a
/// video with its thumbnail, a carousel, a story and a promoted post, and a ready Basic Display token.
/// </summary>
public sealed class DemoWorld(IDbContextFactory<PictographDb> dbFactory, IdAllocator ids, IMediaStore store, TokenService tokens, AppSecrets secrets, TimeProvider clock)
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
            StoredSecret = secrets.Protect(AppSecrets.NewSecret()),
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
        // JPEGs drawn so far; later business media reuse them (drawing is most of the seeding time).
        var drawn = new List<byte[]>();
        async Task<Data.Media> Post(Account owner, MediaType type, MediaProductType product, string? caption, long age, long? parentId = null, int position = 0, bool reuse = false)
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
                byte[] jpeg;
                if (reuse && drawn.Count > 0)
                {
                    jpeg = drawn[seed++ % drawn.Count];
                }
                else
                {
                    jpeg = DemoImages.Jpeg(1080, seed % 2 == 0 ? 1080 : 1350, seed++);
                    drawn.Add(jpeg);
                }

                media.FileKey = await PutAsync(media.Id, "jpg", jpeg, cancellationToken).ConfigureAwait(false);
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

        var professionalPosts = new List<Data.Media>();
        foreach (var (owner, caption) in new[]
                 {
                     (shop, "This week's single origin: Ethiopia Guji #coffee"), (shop, "Behind the roaster #smallbatch"),
                     (creator, "Storyboard for the next short"), (creator, "On set, day 2 #filmmaking"),
                 })
        {
            professionalPosts.Add(await Post(owner, MediaType.Image, MediaProductType.Feed, caption, seed * day / 3).ConfigureAwait(false));
        }

        await SocialAsync(db, new SocialSeed(jane, shop, creator, passwordHash, now, professionalPosts), (o, t, p, c, a, parent, position) => Post(o, t, p, c, a, parent, position, reuse: true), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await InsightSeed.AddAsync(db, now, cancellationToken).ConfigureAwait(false);
        var (token, _) = await tokens.IssueAsync(new TokenGrant(app.Id, jane.Id, TokenFlavour.BasicDisplay, TokenKind.LongLived, DemoScopes), cancellationToken).ConfigureAwait(false);
        return new Summary(app.Id, secrets.Reveal(app), jane.Username, jane.Id, token);
    }

    private async Task<Account> AccountAsync(PictographDb db, string username, AccountType type, string name, string? bio, int seed, long now, CancellationToken cancellationToken, byte[]? picture = null)
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
        account.ProfilePictureKey = await PutAsync(account.Id, "jpg", picture ?? DemoImages.ProfilePicture(seed), cancellationToken).ConfigureAwait(false);
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

    private delegate Task<Data.Media> PostMedia(Account owner, MediaType type, MediaProductType product, string? caption, long age, long? parentId, int position);

    private sealed record SocialSeed(Account Jane, Account Shop, Account Creator, string PasswordHash, long Now, List<Data.Media> ProfessionalPosts);

    private static readonly string[] ExtraPeople =
    [
        "alex.rivera", "bea_martin", "chen.wei", "dana.okafor", "eli.novak", "fatima.zahra", "gus_lindqvist", "hana.sato", "ivan.petrov", "jo.mendes",
        "kiri.walker", "lena.fischer", "mateo.rossi", "nia.osei", "omar.haddad", "priya.nair", "quinn.obrien", "rosa.delgado", "sam.taylor", "tomasz.nowak",
    ];

    /// <summary>
    /// The social layer: more business media (a tagged post, a carousel, a reel, a story), twenty plain
    /// accounts, a follow graph, likes, comment threads with replies, and the hashtags and @-mentions of
    /// every caption and comment recorded as Instagram records them at write time.
    /// </summary>
    private async Task SocialAsync(PictographDb db, SocialSeed seed, PostMedia post, CancellationToken cancellationToken)
    {
        const long Day = 86_400L;
        var (jane, shop, creator, now) = (seed.Jane, seed.Shop, seed.Creator, seed.Now);
        var random = new Random(20_260_601);

        var picture = DemoImages.ProfilePicture(4);
        var people = new List<Account>();
        foreach (var username in ExtraPeople)
        {
            var name = string.Join(' ', username.Split('.', '_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            var person = await AccountAsync(db, username, AccountType.Personal, name, null, 0, now, cancellationToken, picture).ConfigureAwait(false);
            person.PasswordHash = seed.PasswordHash;
            people.Add(person);
        }

        // More business media, so every edge of example_shop has something to list.
        var tagged = await post(shop, MediaType.Image, MediaProductType.Feed, "Our first cupping with @jane.doe and @studio.creator #coffee #cupping", 2 * Day, null, 0).ConfigureAwait(false);
        db.UserTags.Add(new UserTag { MediaId = tagged.Id, AccountId = jane.Id });
        var carousel = await post(shop, MediaType.CarouselAlbum, MediaProductType.Feed, "Three roasts, one morning #coffee #smallbatch #latteart", 4 * Day, null, 0).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            var child = await post(shop, MediaType.Image, MediaProductType.Feed, null, 4 * Day, carousel.Id, i).ConfigureAwait(false);
            carousel.FileKey ??= child.FileKey;
        }

        // A post of today, so hashtag search's recent_media (the last 24 hours) has something to list.
        await post(shop, MediaType.Image, MediaProductType.Feed, "Today's pour: a washed Colombian #coffee #latteart", 5 * 3600, null, 0).ConfigureAwait(false);
        var reel = await post(shop, MediaType.Video, MediaProductType.Reels, "60 seconds of a pour-over #coffee #reels", 6 * Day, null, 0).ConfigureAwait(false);
        var story = await post(shop, MediaType.Image, MediaProductType.Story, "Fresh beans today! @studio.creator", 2 * 3600, null, 0).ConfigureAwait(false);
        var creatorReel = await post(creator, MediaType.Video, MediaProductType.Reels, "Color grading in one take #filmmaking #behindthescenes", 8 * Day, null, 0).ConfigureAwait(false);

        var allMedia = db.ChangeTracker.Entries<Data.Media>().Select(e => e.Entity).ToList();
        var accounts = new[] { jane, shop, creator }.Concat(people).ToDictionary(a => a.Username, StringComparer.Ordinal);
        var hashtags = new Dictionary<string, Hashtag>(StringComparer.Ordinal);

        async Task RecordTextAsync(string? text, long mediaId, long? commentId, long createdAt)
        {
            foreach (var name in TextEntities.Hashtags(text))
            {
                if (!hashtags.TryGetValue(name, out var hashtag))
                {
                    hashtag = new Hashtag { Id = await ids.NextAsync(NodeKind.Hashtag, cancellationToken).ConfigureAwait(false), Name = name };
                    hashtags.Add(name, hashtag);
                    db.Hashtags.Add(hashtag);
                }

                db.HashtagUses.Add(new HashtagUse { HashtagId = hashtag.Id, MediaId = mediaId, CommentId = commentId, CreatedAt = createdAt });
            }

            foreach (var username in TextEntities.Mentions(text))
            {
                if (accounts.TryGetValue(username, out var mentioned))
                {
                    db.Mentions.Add(new Mention { AccountId = mentioned.Id, MediaId = mediaId, CommentId = commentId, CreatedAt = createdAt });
                }
            }
        }

        foreach (var media in allMedia.Where(m => m.ParentId is null))
        {
            await RecordTextAsync(media.Caption, media.Id, null, media.CreatedAt).ConfigureAwait(false);
        }

        // Follows: everyone follows the shop, most follow the creator, some follow jane; the three follow each other.
        void Follow(Account follower, Account followee, long age) =>
            db.Follows.Add(new Follow { FollowerId = follower.Id, FolloweeId = followee.Id, CreatedAt = now - age });
        Follow(jane, shop, 300 * Day);
        Follow(jane, creator, 250 * Day);
        Follow(shop, creator, 200 * Day);
        Follow(creator, shop, 199 * Day);
        Follow(creator, jane, 150 * Day);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            Follow(person, shop, (i + 10) * Day);
            if (i % 4 != 3)
            {
                Follow(person, creator, (i + 20) * Day);
            }

            if (i % 3 == 0)
            {
                Follow(person, jane, (i + 30) * Day);
                Follow(jane, person, (i + 29) * Day);
            }

            if (i % 5 == 0)
            {
                Follow(person, people[(i + 1) % people.Count], (i + 5) * Day);
            }
        }

        Follow(shop, people[0], 50 * Day);

        // Likes on every listed post (stories and ads too, from fewer people).
        var likers = people.Concat([jane, shop, creator]).ToList();
        foreach (var media in allMedia.Where(m => m.ParentId is null))
        {
            var count = media.ProductType is MediaProductType.Feed or MediaProductType.Reels ? random.Next(3, likers.Count) : random.Next(1, 4);
            foreach (var liker in likers.Where(l => l.Id != media.OwnerId).OrderBy(_ => random.Next()).Take(count))
            {
                db.MediaLikes.Add(new MediaLike { MediaId = media.Id, AccountId = liker.Id, CreatedAt = Math.Min(now, media.CreatedAt + random.Next(60, 86_400)) });
            }
        }

        // Comment threads with replies on the professional accounts' media.
        (Account Author, string Text, (Account Author, string Text)[] Replies)[] threads =
        [
            (people[0], "Ordered a bag last week, it's amazing! #coffee", [(shop, "@alex.rivera thank you! Enjoy every cup ☕")]),
            (people[1], "What grind size do you recommend for a V60?", [(shop, "@bea_martin medium-fine, like table salt #brewguide"), (people[1], "Perfect, thanks!")]),
            (jane, "@studio.creator you should film here sometime", [(creator, "@jane.doe already on my list! #filmmaking")]),
            (people[2], "Do you ship abroad?", []),
            (people[3], "Spam? Buy followers at cheap prices!!!", []),
        ];
        var targets = seed.ProfessionalPosts.Concat([tagged, carousel, reel, story, creatorReel]).ToList();
        var hiddenDone = false;
        for (var t = 0; t < targets.Count; t++)
        {
            var media = targets[t];
            var owner = media.OwnerId == shop.Id ? shop : creator;
            var threadCount = media.ProductType == MediaProductType.Story ? 0 : 2 + (t % 3);
            for (var c = 0; c < threadCount; c++)
            {
                var thread = threads[(t + c) % threads.Length];
                var replies = thread.Replies.Select(r => (Author: r.Author == shop || r.Author == creator ? owner : r.Author, r.Text)).ToList();
                var at = Math.Min(now - 60, media.CreatedAt + ((c + 1) * 3_600));
                var top = await CommentAsync(db, media.Id, thread.Author.Id, thread.Text, at, null, cancellationToken).ConfigureAwait(false);
                if (!hiddenDone && thread.Text.StartsWith("Spam", StringComparison.Ordinal))
                {
                    top.Hidden = true;
                    hiddenDone = true;
                }

                await RecordTextAsync(top.Text, media.Id, top.Id, at).ConfigureAwait(false);
                for (var r = 0; r < replies.Count; r++)
                {
                    var replyAt = Math.Min(now - 30, at + ((r + 1) * 600));
                    var reply = await CommentAsync(db, media.Id, replies[r].Author.Id, replies[r].Text, replyAt, top.Id, cancellationToken).ConfigureAwait(false);
                    await RecordTextAsync(reply.Text, media.Id, reply.Id, replyAt).ConfigureAwait(false);
                }

                foreach (var liker in likers.Where(l => l.Id != thread.Author.Id).OrderBy(_ => random.Next()).Take(random.Next(0, 5)))
                {
                    db.CommentLikes.Add(new CommentLike { CommentId = top.Id, AccountId = liker.Id, CreatedAt = Math.Min(now, at + 600) });
                }
            }
        }

        // A comment on one of jane's posts, too.
        var janePost = allMedia.Where(m => m.OwnerId == jane.Id && m.ParentId is null && m.ProductType == MediaProductType.Feed).OrderByDescending(m => m.CreatedAt).First();
        var comment = await CommentAsync(db, janePost.Id, shop.Id, "Beautiful shot @jane.doe! #goldenhour", janePost.CreatedAt + 7_200, null, cancellationToken).ConfigureAwait(false);
        await RecordTextAsync(comment.Text, janePost.Id, comment.Id, comment.CreatedAt).ConfigureAwait(false);
    }

    private async Task<Comment> CommentAsync(PictographDb db, long mediaId, long authorId, string text, long createdAt, long? parentId, CancellationToken cancellationToken)
    {
        var comment = new Comment
        {
            Id = await ids.NextAsync(NodeKind.Comment, cancellationToken).ConfigureAwait(false),
            MediaId = mediaId,
            AuthorId = authorId,
            Text = text,
            CreatedAt = createdAt,
            ParentId = parentId,
        };
        db.Comments.Add(comment);
        return comment;
    }
}
