using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Insights;

/// <summary>
/// One server for the insights tests: they write. Each test makes its own professional account
/// (<see cref="InsightsWorld.NewAccountAsync"/>), linked to a Page of the developer so both flavours
/// reach it, so no count sees another test's rows. The clock is never moved.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InsightsCollection : ICollectionFixture<PictographServer>
{
    public const string Name = "insights server";
}

/// <summary>Fresh accounts, media, followers and events, and tokens with and without the insights permissions.</summary>
public static class InsightsWorld
{
    public const long Day = 86_400;

    public const string FacebookScopes = "instagram_basic,pages_show_list,instagram_manage_insights";
    public const string InstagramScopes = "instagram_business_basic,instagram_business_manage_insights";

    /// <summary>The fixture's clock: 2026-06-01T12:00:00Z.</summary>
    public static long Now => PictographServer.Start.ToUnixTimeSeconds();

    /// <summary>2026-06-01T00:00:00Z, the start of the fixture's UTC day.</summary>
    public static long Today => Now - (Now % Day);

    private static int _names;

    public static Task<string> InsightsTokenAsync(this PictographServer server, string scopes = FacebookScopes) => server.DeveloperTokenAsync(scopes);

    public static Task<string> InstagramInsightsTokenAsync(this PictographServer server, long accountId, string scopes = InstagramScopes) =>
        server.IssueTokenAsync(accountId, TokenFlavour.InstagramLogin, scopes);

    /// <summary>A business account of its own, linked to a new Page the developer manages.</summary>
    public static async Task<long> NewAccountAsync(this PictographServer server)
    {
        var ids = server.Services.GetRequiredService<IdAllocator>();
        var id = await ids.NextAsync(NodeKind.Account);
        var page = await ids.NextAsync(NodeKind.Page);
        var developer = server.Developer().Id;
        var name = "insights_" + Interlocked.Increment(ref _names).ToString(CultureInfo.InvariantCulture);
        await server.WriteAsync(db =>
        {
            db.Accounts.Add(new Account { Id = id, Username = name, AccountType = AccountType.Business, CreatedAt = Now - (100 * Day) });
            db.Pages.Add(new Page { Id = page, Name = name, Category = "Shop", InstagramAccountId = id });
            db.PageRoles.Add(new PageRole { PageId = page, FacebookUserId = developer, Tasks = "MANAGE,ANALYZE" });
            return Task.CompletedTask;
        });
        return id;
    }

    /// <summary>Plain accounts (viewers, followers), with an optional profile for demographics.</summary>
    public static async Task<List<long>> NewPeopleAsync(this PictographServer server, int count, Func<int, Account, Account>? profile = null)
    {
        var ids = server.Services.GetRequiredService<IdAllocator>();
        var people = new List<long>();
        for (var i = 0; i < count; i++)
        {
            people.Add(await ids.NextAsync(NodeKind.Account));
        }

        await server.WriteAsync(db =>
        {
            for (var i = 0; i < count; i++)
            {
                var account = new Account { Id = people[i], Username = $"viewer_{people[i]}", CreatedAt = Now - (100 * Day) };
                db.Accounts.Add(profile?.Invoke(i, account) ?? account);
            }

            return Task.CompletedTask;
        });
        return people;
    }

    public static async Task<Data.Media> NewPostAsync(this PictographServer server, long ownerId, MediaProductType product = MediaProductType.Feed, MediaType type = MediaType.Image, long? parentId = null)
    {
        var id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.Media);
        var media = new Data.Media
        {
            Id = id,
            OwnerId = ownerId,
            MediaType = type,
            ProductType = product,
            Caption = parentId is null ? "insights" : null,
            // Stories are live (and readable by id) for 24 hours; posts are old enough for any window.
            CreatedAt = product == MediaProductType.Story ? Now - 3600 : Now - (40 * Day),
            Shortcode = Shortcodes.For(id),
            ParentId = parentId,
            InGrid = Data.Media.IsGridItem(product, parentId),
        };
        await server.WriteAsync(db =>
        {
            db.Media.Add(media);
            return Task.CompletedTask;
        });
        return media;
    }

    /// <summary>Events straight into the table (the recorder's own path is tested apart).</summary>
    public static Task AddEventsAsync(this PictographServer server, IEnumerable<InsightEvent> events) =>
        server.WriteAsync(db =>
        {
            db.InsightEvents.AddRange(events);
            return Task.CompletedTask;
        });

    public static InsightEvent Event(long accountId, string kind, long at, long? mediaId = null, long? actor = null, string? detail = null) =>
        new() { AccountId = accountId, MediaId = mediaId, ActorId = actor, Kind = kind, Detail = detail, CreatedAt = at };

    public static Task FollowAsync(this PictographServer server, long accountId, IEnumerable<long> followers, long at) =>
        server.WriteAsync(db =>
        {
            db.Follows.AddRange(followers.Select(f => new Follow { FollowerId = f, FolloweeId = accountId, CreatedAt = at }));
            return Task.CompletedTask;
        });

    public static Task LikeAsync(this PictographServer server, long mediaId, IEnumerable<long> likers, long at) =>
        server.WriteAsync(db =>
        {
            db.MediaLikes.AddRange(likers.Select(l => new MediaLike { MediaId = mediaId, AccountId = l, CreatedAt = at }));
            return Task.CompletedTask;
        });

    public static async Task CommentAsync(this PictographServer server, long mediaId, long authorId, long at)
    {
        var id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.Comment);
        await server.WriteAsync(db =>
        {
            db.Comments.Add(new Comment { Id = id, MediaId = mediaId, AuthorId = authorId, Text = "nice", CreatedAt = at });
            return Task.CompletedTask;
        });
    }

    public static Task FlushInsightsAsync(this PictographServer server) => server.Services.GetRequiredService<InsightRecorder>().FlushAsync();

    public static string Ts(long unixSeconds) => DemoData.Timestamp(unixSeconds);

    public static string S(long value) => value.ToString(CultureInfo.InvariantCulture);
}
