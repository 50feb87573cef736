using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Business;

/// <summary>Rows these tests seed for themselves (follows, tags, hashtags, mentions, media) and tokens of both flavours.</summary>
public static class BusinessWorld
{
    public const string Shop = "example_shop";
    public const string Creator = "studio.creator";
    public const string Personal = "jane.doe";

    public const string FacebookScopes = "public_profile,pages_show_list,instagram_basic";

    public static long Now(this PictographServer server) => server.Clock.GetUtcNow().ToUnixTimeSeconds();

    public static string IdOf(this PictographServer server, string username) => DemoData.Id(server.Account(username).Id);

    public static Task<string> FacebookTokenAsync(this PictographServer server, string scopes = FacebookScopes) =>
        server.DeveloperTokenAsync(scopes);

    public static Task<string> InstagramLoginTokenAsync(this PictographServer server, string username, string scopes = "instagram_business_basic") =>
        server.IssueTokenAsync(server.Account(username).Id, TokenFlavour.InstagramLogin, scopes);

    public static async Task<long> NextIdAsync(this PictographServer server, NodeKind kind) =>
        await server.Services.GetRequiredService<IdAllocator>().NextAsync(kind);

    public static async Task<long> AddAccountAsync(this PictographServer server, string username, AccountType type = AccountType.Personal)
    {
        var id = await server.NextIdAsync(NodeKind.Account);
        await server.WriteAsync(db =>
        {
            db.Accounts.Add(new Account { Id = id, Username = username, AccountType = type, CreatedAt = server.Now() });
            return Task.CompletedTask;
        });
        return id;
    }

    public static async Task<long> AddMediaAsync(this PictographServer server, long ownerId, MediaProductType product = MediaProductType.Feed, long? createdAt = null, string? caption = null, bool commentEnabled = true)
    {
        var id = await server.NextIdAsync(NodeKind.Media);
        await server.WriteAsync(db =>
        {
            db.Media.Add(new Data.Media
            {
                Id = id,
                Shortcode = Shortcodes.For(id),
                OwnerId = ownerId,
                MediaType = MediaType.Image,
                ProductType = product,
                Caption = caption,
                CreatedAt = createdAt ?? server.Now(),
                FileKey = "missing.jpg",
                CommentEnabled = commentEnabled,
                InGrid = Data.Media.IsGridItem(product, null),
            });
            return Task.CompletedTask;
        });
        return id;
    }

    public static async Task<long> AddHashtagAsync(this PictographServer server, string name)
    {
        var id = await server.NextIdAsync(NodeKind.Hashtag);
        await server.WriteAsync(db =>
        {
            db.Hashtags.Add(new Hashtag { Id = id, Name = name });
            return Task.CompletedTask;
        });
        return id;
    }

    public static async Task<long> AddCommentAsync(this PictographServer server, long mediaId, long authorId, string text)
    {
        var id = await server.NextIdAsync(NodeKind.Comment);
        await server.WriteAsync(db =>
        {
            db.Comments.Add(new Comment { Id = id, MediaId = mediaId, AuthorId = authorId, Text = text, CreatedAt = server.Now() });
            return Task.CompletedTask;
        });
        return id;
    }

    public static Task SeedAsync(this PictographServer server, Action<PictographDb> seed) =>
        server.WriteAsync(db =>
        {
            seed(db);
            return Task.CompletedTask;
        });

    public static async Task<GraphResponse> PostFormAsync(this PictographServer server, string path, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        return await server.SendAsync(request);
    }

    public static void AssertOk(GraphResponse response) => Assert.True(response.Status == 200, response.Body);
}
