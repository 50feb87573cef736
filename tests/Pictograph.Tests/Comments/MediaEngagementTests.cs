using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Comments.CommentWorld;

namespace Pictograph.Tests.Comments;

/// <summary><c>comments_count</c>, <c>like_count</c> and <c>comment_enabled</c> on IGMedia (Facebook Login) and Media (Instagram Login).</summary>
[Collection(CommentsCollection.Name)]
public sealed class MediaEngagementTests(PictographServer server)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Counts_include_replies_and_hidden_comments_and_every_like(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var first = await server.AddCommentAsync(media.Id, Jane, "first");
        await server.AddCommentAsync(media.Id, Shop, "a reply", parentId: first.Id);
        await server.AddCommentAsync(media.Id, Creator, "hidden", hidden: true);
        await server.LikeMediaAsync(media.Id, Jane, Creator);
        var token = facebook ? await server.FacebookTokenAsync(FacebookRead) : await server.InstagramTokenAsync(scopes: InstagramRead);

        var response = await server.GetAsync($"/v25.0/{media.Id}?fields=comments_count,like_count&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal($$"""{"comments_count":3,"like_count":2,"id":"{{media.Id}}"}""", response.Body);
    }

    [Fact]
    public async Task Counts_are_zero_without_comments_or_likes_and_album_children_count_apart()
    {
        var album = await server.NewMediaAsync();
        var child = await server.NewMediaAsync(parentId: album.Id);
        await server.AddCommentAsync(child.Id, Jane, "on a child");
        var token = await server.InstagramTokenAsync(scopes: InstagramRead);

        var response = await server.GetAsync($"/{album.Id}?fields=comments_count,like_count&access_token={token}");

        Assert.Equal($$"""{"comments_count":0,"like_count":0,"id":"{{album.Id}}"}""", response.Body);
    }

    [Fact]
    public async Task Counts_of_a_whole_media_list_come_per_item()
    {
        var token = await server.FacebookTokenAsync(FacebookRead);
        var creator = server.Account(Creator);
        var a = await server.NewMediaAsync(Creator);
        var b = await server.NewMediaAsync(Creator);
        await server.AddCommentAsync(a.Id, Jane, "one");
        await server.AddCommentAsync(b.Id, Jane, "two");
        await server.AddCommentAsync(b.Id, Shop, "three");
        await server.LikeMediaAsync(b.Id, Jane);

        var response = await server.GetAsync($"/{creator.Id}/media?fields=comments_count,like_count&limit=100&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        var items = response.Json.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(1, items[DemoData.Id(a.Id)].GetProperty("comments_count").GetInt64());
        Assert.Equal(0, items[DemoData.Id(a.Id)].GetProperty("like_count").GetInt64());
        Assert.Equal(2, items[DemoData.Id(b.Id)].GetProperty("comments_count").GetInt64());
        Assert.Equal(1, items[DemoData.Id(b.Id)].GetProperty("like_count").GetInt64());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Comment_enabled_turns_commenting_off_and_on(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var token = facebook ? await server.FacebookTokenAsync() : await server.InstagramTokenAsync();

        AssertSuccess(await server.PostAsync($"/v25.0/{media.Id}?comment_enabled=false&access_token={token}"));
        var off = await server.GetAsync($"/{media.Id}?fields=is_comment_enabled&access_token={token}");
        AssertSuccess(await server.PostAsync($"/{media.Id}?comment_enabled=true&access_token={token}"));
        var on = await server.GetAsync($"/{media.Id}?fields=is_comment_enabled&access_token={token}");

        Assert.Equal($$"""{"is_comment_enabled":false,"id":"{{media.Id}}"}""", off.Body);
        Assert.Equal($$"""{"is_comment_enabled":true,"id":"{{media.Id}}"}""", on.Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Comment_enabled_needs_the_manage_comments_permission(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var token = facebook ? await server.FacebookTokenAsync(FacebookRead) : await server.InstagramTokenAsync(scopes: InstagramRead);

        GraphAssert.Error(await server.PostAsync($"/{media.Id}?comment_enabled=false&access_token={token}"), 403, 10);
        Assert.True(server.Read(db => db.Media.Single(m => m.Id == media.Id).CommentEnabled));
    }

    [Fact]
    public async Task Comment_enabled_is_required_and_a_boolean()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();

        GraphAssert.Error(await server.PostAsync($"/{media.Id}?access_token={token}"), 400, 100, message: "(#100) The parameter comment_enabled is required");
        GraphAssert.Error(await server.PostAsync($"/{media.Id}?comment_enabled=maybe&access_token={token}"), 400, 100);
    }

    [Fact]
    public async Task Only_the_owner_may_switch_comments()
    {
        var media = await server.NewMediaAsync(Creator);
        var stranger = await server.InstagramTokenAsync(Shop);

        GraphAssert.Error(await server.PostAsync($"/{media.Id}?comment_enabled=false&access_token={stranger}"), 400, 100, 33);
        Assert.True(server.Read(db => db.Media.Single(m => m.Id == media.Id).CommentEnabled));
    }
}
