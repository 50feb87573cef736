using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Comments;

/// <summary>
/// One server for the comment tests, apart from the shared read-only one: these tests write. Each test makes
/// its own media item (<see cref="CommentWorld.NewMediaAsync"/>) so counts and lists never see another test's rows.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CommentsCollection : ICollectionFixture<PictographServer>
{
    public const string Name = "comments server";
}

/// <summary>Media, comments and likes seeded straight into the database, and tokens of both professional flavours.</summary>
public static class CommentWorld
{
    public const string Shop = "example_shop";
    public const string Creator = "studio.creator";
    public const string Jane = "jane.doe";

    public const string FacebookRead = "instagram_basic,pages_show_list";
    public const string FacebookManage = "instagram_basic,pages_show_list,instagram_manage_comments";
    public const string InstagramRead = "instagram_business_basic";
    public const string InstagramManage = "instagram_business_basic,instagram_business_manage_comments";

    /// <summary>A Facebook Login user token of the developer, who manages both professional accounts' Pages.</summary>
    public static Task<string> FacebookTokenAsync(this PictographServer server, string scopes = FacebookManage) =>
        server.DeveloperTokenAsync(scopes);

    /// <summary>An Instagram Login token of a professional account.</summary>
    public static Task<string> InstagramTokenAsync(this PictographServer server, string username = Shop, string scopes = InstagramManage) =>
        server.IssueTokenAsync(server.Account(username).Id, TokenFlavour.InstagramLogin, scopes);

    /// <summary>A new feed photo (or album child, or reel) of <paramref name="owner"/>, posted an hour before the fixture's start.</summary>
    public static async Task<Data.Media> NewMediaAsync(this PictographServer server, string owner = Shop, bool commentEnabled = true, long? parentId = null, MediaProductType productType = MediaProductType.Feed)
    {
        var id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.Media);
        var media = new Data.Media
        {
            Id = id,
            OwnerId = server.Account(owner).Id,
            MediaType = MediaType.Image,
            ProductType = productType,
            Caption = parentId is null ? "A test post" : null,
            CreatedAt = PictographServer.Start.ToUnixTimeSeconds() - 3600,
            Shortcode = Shortcodes.For(id),
            ParentId = parentId,
            CommentEnabled = commentEnabled,
            InGrid = Data.Media.IsGridItem(productType, parentId),
        };
        await server.WriteAsync(db =>
        {
            db.Media.Add(media);
            return Task.CompletedTask;
        });
        return media;
    }

    /// <summary>A comment by <paramref name="author"/>, <paramref name="secondsAgo"/> before the fixture's start.</summary>
    public static async Task<Comment> AddCommentAsync(this PictographServer server, long mediaId, string author, string text, long secondsAgo = 60, long? parentId = null, bool hidden = false)
    {
        var comment = new Comment
        {
            Id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.Comment),
            MediaId = mediaId,
            AuthorId = server.Account(author).Id,
            Text = text,
            CreatedAt = PictographServer.Start.ToUnixTimeSeconds() - secondsAgo,
            ParentId = parentId,
            Hidden = hidden,
        };
        await server.WriteAsync(db =>
        {
            db.Comments.Add(comment);
            return Task.CompletedTask;
        });
        return comment;
    }

    public static Task LikeMediaAsync(this PictographServer server, long mediaId, params string[] likers) =>
        server.WriteAsync(db =>
        {
            foreach (var liker in likers)
            {
                db.MediaLikes.Add(new MediaLike { MediaId = mediaId, AccountId = server.Account(liker).Id, CreatedAt = 1 });
            }

            return Task.CompletedTask;
        });

    public static Task LikeCommentAsync(this PictographServer server, long commentId, params string[] likers) =>
        server.WriteAsync(db =>
        {
            foreach (var liker in likers)
            {
                db.CommentLikes.Add(new CommentLike { CommentId = commentId, AccountId = server.Account(liker).Id, CreatedAt = 1 });
            }

            return Task.CompletedTask;
        });

    public static Comment? FindComment(this PictographServer server, long id) =>
        server.Read(db => db.Comments.AsNoTracking().SingleOrDefault(c => c.Id == id));

    public static Task<GraphResponse> PostAsync(this PictographServer server, string pathAndQuery) =>
        server.SendAsync(HttpMethod.Post, pathAndQuery);

    public static Task<GraphResponse> DeleteAsync(this PictographServer server, string pathAndQuery) =>
        server.SendAsync(HttpMethod.Delete, pathAndQuery);

    /// <summary>The id a create answered (<c>{"id":"…"}</c>), after checking that is the whole body.</summary>
    public static long CreatedId(GraphResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(["id"], GraphAssert.Names(response.Json));
        return long.Parse(response.Json.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void AssertSuccess(GraphResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal("""{"success":true}""", response.Body);
    }

    public static List<string> Texts(JsonElement collection) =>
        [.. collection.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("text").GetString()!)];

    public static string Ts(long unixSeconds) => DemoData.Timestamp(unixSeconds);
}
