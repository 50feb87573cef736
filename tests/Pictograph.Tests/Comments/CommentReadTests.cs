using Pictograph.Data;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Comments.CommentWorld;

namespace Pictograph.Tests.Comments;

/// <summary>The comment node (IGComment for Facebook Login, Comment for Instagram Login), its fields and the comments and replies edges.</summary>
[Collection(CommentsCollection.Name)]
public sealed class CommentReadTests(PictographServer server)
{
    private const string AllFields = "id,text,timestamp,username,from,hidden,like_count,media,parent_id,user,legacy_instagram_comment_id";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_field_of_a_top_level_comment(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "Lovely roast!", secondsAgo: 120);
        await server.LikeCommentAsync(comment.Id, Shop, Creator);
        var token = facebook ? await server.FacebookTokenAsync() : await server.InstagramTokenAsync();
        var jane = server.Account(Jane).Id;

        var response = await server.GetAsync($"/v25.0/{comment.Id}?fields={AllFields}&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(
            $$"""{"id":"{{comment.Id}}","text":"Lovely roast!","timestamp":"{{Ts(comment.CreatedAt)}}","username":"jane.doe","from":{"id":"{{jane}}","username":"jane.doe"},"hidden":false,"like_count":2,"media":{"id":"{{media.Id}}","media_product_type":"FEED"},"legacy_instagram_comment_id":"{{NodeIds.Legacy(comment.Id)}}"}""",
            response.Body);
    }

    [Fact]
    public async Task A_reply_has_a_parent_id_and_the_owner_s_own_comment_a_user()
    {
        var media = await server.NewMediaAsync(productType: Data.MediaProductType.Reels);
        var top = await server.AddCommentAsync(media.Id, Jane, "question?");
        var reply = await server.AddCommentAsync(media.Id, Shop, "answer", parentId: top.Id);
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;

        var response = await server.GetAsync($"/{reply.Id}?fields=parent_id,user,media,from&access_token={token}");

        Assert.Equal(
            $$"""{"parent_id":"{{top.Id}}","user":{"id":"{{shop}}"},"media":{"id":"{{media.Id}}","media_product_type":"REELS"},"from":{"id":"{{shop}}","username":"example_shop"},"id":"{{reply.Id}}"}""",
            response.Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_media_of_a_comment_expands_like_any_node(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "expand me");
        var token = facebook ? await server.FacebookTokenAsync() : await server.InstagramTokenAsync();

        var response = await server.GetAsync($"/{comment.Id}?fields=media{{id,shortcode,owner}}&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        var expanded = response.Json.GetProperty("media");
        Assert.Equal(DemoData.Id(media.Id), expanded.GetProperty("id").GetString());
        Assert.Equal(media.Shortcode, expanded.GetProperty("shortcode").GetString());
        Assert.Equal(DemoData.Id(media.OwnerId), expanded.GetProperty("owner").GetProperty("id").GetString());
        Assert.False(expanded.TryGetProperty("media_product_type", out _), "only the fields asked for");
    }

    [Fact]
    public async Task Without_fields_a_comment_is_its_id()
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "hi");
        var token = await server.InstagramTokenAsync(scopes: InstagramRead);

        Assert.Equal($$"""{"id":"{{comment.Id}}"}""", (await server.GetAsync($"/{comment.Id}?access_token={token}")).Body);
    }

    [Theory]
    [InlineData(true, "username")]
    [InlineData(true, "from")]
    [InlineData(false, "username")]
    [InlineData(false, "from")]
    public async Task The_commenter_needs_the_manage_comments_permission(bool facebook, string field)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "hi");
        var token = facebook ? await server.FacebookTokenAsync(FacebookRead) : await server.InstagramTokenAsync(scopes: InstagramRead);

        GraphAssert.Error(await server.GetAsync($"/{comment.Id}?fields={field}&access_token={token}"), 403, 10);
        var rest = await server.GetAsync($"/{comment.Id}?fields=text,hidden,like_count,media&access_token={token}");
        Assert.True(rest.Status == 200, rest.Body);
    }

    [Theory]
    [InlineData(true, "pages_show_list,instagram_manage_comments")]
    [InlineData(false, "instagram_business_manage_comments")]
    public async Task A_comment_needs_the_basic_permission(bool facebook, string scopes)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "hi");
        var token = facebook ? await server.FacebookTokenAsync(scopes) : await server.InstagramTokenAsync(scopes: scopes);

        GraphAssert.Error(await server.GetAsync($"/{comment.Id}?fields=text&access_token={token}"), 403, 10);
        GraphAssert.Error(await server.GetAsync($"/{media.Id}/comments?access_token={token}"), 403, 10);
    }

    [Theory]
    [InlineData(true, "IGComment")]
    [InlineData(false, "Comment")]
    public async Task Errors_name_the_node_type(bool facebook, string type)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "hi");
        var token = facebook ? await server.FacebookTokenAsync() : await server.InstagramTokenAsync();

        GraphAssert.Error(await server.GetAsync($"/{comment.Id}?fields=nope&access_token={token}"), 400, 100,
            message: $"(#100) Tried accessing nonexisting field (nope) on node type ({type})");
    }

    [Fact]
    public async Task Comments_on_media_the_token_does_not_reach_do_not_exist()
    {
        var media = await server.NewMediaAsync(Creator);
        var comment = await server.AddCommentAsync(media.Id, Jane, "hi");
        var stranger = await server.InstagramTokenAsync(Shop);
        var basicDisplay = await server.IssueTokenAsync(Jane);

        GraphAssert.Error(await server.GetAsync($"/{comment.Id}?fields=text&access_token={stranger}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{comment.Id}?access_token={basicDisplay}"), 400, 100, 33);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hidden_comments_are_shown_to_the_media_owner(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var hidden = await server.AddCommentAsync(media.Id, Jane, "spam", hidden: true);
        var token = facebook ? await server.FacebookTokenAsync() : await server.InstagramTokenAsync();

        var node = await server.GetAsync($"/{hidden.Id}?fields=hidden&access_token={token}");
        var list = await server.GetAsync($"/{media.Id}/comments?fields=hidden&access_token={token}");

        Assert.Equal($$"""{"hidden":true,"id":"{{hidden.Id}}"}""", node.Body);
        Assert.Equal([DemoData.Id(hidden.Id)], GraphAssert.Ids(list.Json));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_comments_edge_lists_top_level_comments_newest_first_with_default_fields(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var old = await server.AddCommentAsync(media.Id, Jane, "old", secondsAgo: 300);
        var recent = await server.AddCommentAsync(media.Id, Creator, "recent", secondsAgo: 10);
        await server.AddCommentAsync(media.Id, Shop, "a reply", secondsAgo: 5, parentId: old.Id);
        var token = facebook ? await server.FacebookTokenAsync(FacebookRead) : await server.InstagramTokenAsync(scopes: InstagramRead);

        var response = await server.GetAsync($"/v25.0/{media.Id}/comments?access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        var data = response.Json.GetProperty("data");
        Assert.Equal(
            $$"""[{"timestamp":"{{Ts(recent.CreatedAt)}}","text":"recent","id":"{{recent.Id}}"},{"timestamp":"{{Ts(old.CreatedAt)}}","text":"old","id":"{{old.Id}}"}]""",
            data.GetRawText());
    }

    [Fact]
    public async Task Replies_come_oldest_first_and_replies_have_no_replies_edge()
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "top", secondsAgo: 500);
        var second = await server.AddCommentAsync(media.Id, Creator, "second reply", secondsAgo: 100, parentId: top.Id);
        var first = await server.AddCommentAsync(media.Id, Shop, "first reply", secondsAgo: 200, parentId: top.Id);
        var token = await server.InstagramTokenAsync();

        var replies = await server.GetAsync($"/{top.Id}/replies?fields=text,parent_id,username&access_token={token}");
        var ofReply = await server.GetAsync($"/{first.Id}/replies?access_token={token}");
        var field = await server.GetAsync($"/{first.Id}?fields=text,replies&access_token={token}");

        Assert.True(replies.Status == 200, replies.Body);
        Assert.Equal(
            $$"""[{"text":"first reply","parent_id":"{{top.Id}}","username":"example_shop","id":"{{first.Id}}"},{"text":"second reply","parent_id":"{{top.Id}}","username":"studio.creator","id":"{{second.Id}}"}]""",
            replies.Json.GetProperty("data").GetRawText());
        Assert.Empty(ofReply.Json.GetProperty("data").EnumerateArray());
        Assert.Equal($$"""{"text":"first reply","id":"{{first.Id}}"}""", field.Body);
    }

    [Fact]
    public async Task Comments_and_replies_nest_as_fields_across_a_media_list()
    {
        var a = await server.NewMediaAsync(Creator);
        var b = await server.NewMediaAsync(Creator);
        var onA = await server.AddCommentAsync(a.Id, Jane, "on a");
        var reply = await server.AddCommentAsync(a.Id, Shop, "reply on a", secondsAgo: 30, parentId: onA.Id);
        await server.LikeCommentAsync(onA.Id, Shop);
        var onB = await server.AddCommentAsync(b.Id, Shop, "on b");
        var token = await server.FacebookTokenAsync();
        var creator = server.Account(Creator).Id;

        var response = await server.GetAsync($"/{creator}/media?fields=comments_count,comments{{text,like_count,replies{{text,username}}}}&limit=100&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        var items = response.Json.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        var itemA = items[DemoData.Id(a.Id)];
        Assert.Equal(2, itemA.GetProperty("comments_count").GetInt64());
        var commentA = Assert.Single(itemA.GetProperty("comments").GetProperty("data").EnumerateArray());
        Assert.Equal(["text", "like_count", "replies", "id"], GraphAssert.Names(commentA));
        Assert.Equal("on a", commentA.GetProperty("text").GetString());
        Assert.Equal(1, commentA.GetProperty("like_count").GetInt64());
        Assert.Equal(
            $$"""[{"text":"reply on a","username":"example_shop","id":"{{reply.Id}}"}]""",
            commentA.GetProperty("replies").GetProperty("data").GetRawText());
        Assert.Equal(["on b"], Texts(items[DemoData.Id(b.Id)].GetProperty("comments")));
        Assert.Equal(DemoData.Id(onB.Id), GraphAssert.Ids(items[DemoData.Id(b.Id)].GetProperty("comments")).Single());
    }

    [Fact]
    public async Task The_comments_edge_pages_at_most_fifty_at_a_time()
    {
        var media = await server.NewMediaAsync();
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add(DemoData.Id((await server.AddCommentAsync(media.Id, Jane, $"comment {i}", secondsAgo: 1000 - i)).Id));
        }

        ids.Reverse(); // newest first
        var token = await server.InstagramTokenAsync(scopes: InstagramRead);

        var capped = await server.GetAsync($"/{media.Id}/comments?limit=100&access_token={token}");
        var pages = await PagingWalker.WalkAsync(server, $"/{media.Id}/comments?limit=7&access_token={token}");
        var defaults = await server.GetAsync($"/{media.Id}/comments?access_token={token}");
        var asField = await server.GetAsync($"/{media.Id}?fields=comments.limit(80){{id}}&access_token={token}");

        Assert.Equal(ids[..50], GraphAssert.Ids(capped.Json));
        Assert.Equal(ids, pages.SelectMany(GraphAssert.Ids).ToList());
        Assert.Equal(9, pages.Count);
        Assert.Equal(ids[..25], GraphAssert.Ids(defaults.Json));
        Assert.Equal(ids[..50], GraphAssert.Ids(asField.Json.GetProperty("comments")));

        var back = await PagingWalker.WalkAsync(server, PagingWalker.NextUrl(pages[0])!, "previous");
        Assert.Equal(ids[..7], GraphAssert.Ids(back[^1]));
    }

    [Fact]
    public async Task Album_children_have_no_comments_edge()
    {
        var album = await server.NewMediaAsync();
        var child = await server.NewMediaAsync(parentId: album.Id);
        var token = await server.InstagramTokenAsync(scopes: InstagramRead);

        var response = await server.GetAsync($"/{child.Id}?fields=comments_count,comments&access_token={token}");

        Assert.Equal($$"""{"comments_count":0,"id":"{{child.Id}}"}""", response.Body);
        Assert.Empty((await server.GetAsync($"/{child.Id}/comments?access_token={token}")).Json.GetProperty("data").EnumerateArray());
    }
}
