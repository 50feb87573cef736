using Microsoft.EntityFrameworkCore;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Comments.CommentWorld;

namespace Pictograph.Tests.Comments;

/// <summary>Commenting, replying, hiding and deleting, with their errors, on both professional flavours.</summary>
[Collection(CommentsCollection.Name)]
public sealed class CommentWriteTests(PictographServer server)
{
    private Task<string> TokenAsync(bool facebook, bool manage = true) =>
        facebook
            ? server.FacebookTokenAsync(manage ? FacebookManage : FacebookRead)
            : server.InstagramTokenAsync(scopes: manage ? InstagramManage : InstagramRead);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_comment_is_posted_as_the_media_s_account_and_listed_first(bool facebook)
    {
        var media = await server.NewMediaAsync();
        await server.AddCommentAsync(media.Id, Jane, "older", secondsAgo: 600);
        var token = await TokenAsync(facebook);

        var id = CreatedId(await server.PostAsync($"/v25.0/{media.Id}/comments?message=Thanks%20for%20visiting!&access_token={token}"));

        var node = await server.GetAsync($"/{id}?fields=text,username,user,parent_id,hidden,timestamp&access_token={token}");
        var shop = server.Account(Shop).Id;
        Assert.Equal(
            $$"""{"text":"Thanks for visiting!","username":"example_shop","user":{"id":"{{shop}}"},"hidden":false,"timestamp":"{{Ts(server.Clock.GetUtcNow().ToUnixTimeSeconds())}}","id":"{{id}}"}""",
            node.Body);
        var list = await server.GetAsync($"/{media.Id}/comments?access_token={token}");
        Assert.Equal(["Thanks for visiting!", "older"], Texts(list.Json));
        Assert.Equal(2, (await server.GetAsync($"/{media.Id}?fields=comments_count&access_token={token}")).Json.GetProperty("comments_count").GetInt64());
    }

    [Fact]
    public async Task The_message_may_come_in_a_form_body()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{media.Id}/comments")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["message"] = "form & body", ["access_token"] = token }),
        };

        var id = CreatedId(await server.SendAsync(request));

        Assert.Equal("form & body", server.FindComment(id)!.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Commenting_is_refused_where_comments_are_disabled(bool facebook)
    {
        var media = await server.NewMediaAsync(commentEnabled: false);
        var top = await server.AddCommentAsync(media.Id, Jane, "from before");
        var token = await TokenAsync(facebook);

        var error = GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message=hello&access_token={token}"), 400, 100,
            message: "(#100) Comments are disabled for this media");
        GraphAssert.Error(await server.PostAsync($"/{top.Id}/replies?message=hello&access_token={token}"), 400, 100);

        Assert.Equal("Comments Disabled", error.GetProperty("error_user_title").GetString());
        Assert.Equal(1, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id)));
    }

    [Fact]
    public async Task A_message_is_required_and_at_most_2200_characters()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();

        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?access_token={token}"), 400, 100, message: "(#100) The parameter message is required");
        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message=&access_token={token}"), 400, 100);
        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message=%20%20&access_token={token}"), 400, 100);
        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message={new string('a', 2201)}&access_token={token}"), 400, 100,
            message: "(#100) The parameter message must be at most 2200 characters");
        CreatedId(await server.PostAsync($"/{media.Id}/comments?message={new string('a', 2200)}&access_token={token}"));
        // An emoji is one character, though two UTF-16 units.
        using var emoji = new HttpRequestMessage(HttpMethod.Post, $"/{media.Id}/comments?access_token={token}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["message"] = string.Concat(Enumerable.Repeat("😀", 2200)) }),
        };
        CreatedId(await server.SendAsync(emoji));
        Assert.Equal(2, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writes_need_the_manage_comments_permission(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "hi");
        var token = await TokenAsync(facebook, manage: false);

        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message=x&access_token={token}"), 403, 10);
        GraphAssert.Error(await server.PostAsync($"/{top.Id}/replies?message=x&access_token={token}"), 403, 10);
        GraphAssert.Error(await server.PostAsync($"/{top.Id}?hide=true&access_token={token}"), 403, 10);
        GraphAssert.Error(await server.DeleteAsync($"/{top.Id}?access_token={token}"), 403, 10);
        Assert.Equal(1, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id && !c.Hidden)));
    }

    [Fact]
    public async Task Commenting_on_someone_else_s_media_is_refused_as_missing()
    {
        var media = await server.NewMediaAsync(Creator);
        var stranger = await server.InstagramTokenAsync(Shop);

        GraphAssert.Error(await server.PostAsync($"/{media.Id}/comments?message=hi&access_token={stranger}"), 400, 100, 33);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reply_goes_under_a_top_level_comment(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "Do you ship abroad?");
        var token = await TokenAsync(facebook);

        var id = CreatedId(await server.PostAsync($"/{top.Id}/replies?message=Yes,%20worldwide&access_token={token}"));

        var replies = await server.GetAsync($"/{top.Id}/replies?fields=text,parent_id,username&access_token={token}");
        Assert.Equal(
            $$"""[{"text":"Yes, worldwide","parent_id":"{{top.Id}}","username":"example_shop","id":"{{id}}"}]""",
            replies.Json.GetProperty("data").GetRawText());
        Assert.Equal([DemoData.Id(top.Id)], GraphAssert.Ids((await server.GetAsync($"/{media.Id}/comments?access_token={token}")).Json));
    }

    [Fact]
    public async Task A_reply_to_a_reply_is_refused()
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "top");
        var reply = await server.AddCommentAsync(media.Id, Creator, "reply", parentId: top.Id);
        var token = await server.InstagramTokenAsync();

        GraphAssert.Error(await server.PostAsync($"/{reply.Id}/replies?message=deeper&access_token={token}"), 400, 100,
            message: "(#100) Replies can only be made to top-level comments; this comment is a reply");
        GraphAssert.Error(await server.PostAsync($"/{top.Id}/replies?access_token={token}"), 400, 100, message: "(#100) The parameter message is required");
        Assert.Equal(2, server.Read(db => db.Comments.Count(c => c.MediaId == media.Id)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_owner_hides_and_unhides_a_comment(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var comment = await server.AddCommentAsync(media.Id, Jane, "buy followers here");
        var token = await TokenAsync(facebook);

        AssertSuccess(await server.PostAsync($"/{comment.Id}?hide=true&access_token={token}"));
        var hidden = await server.GetAsync($"/{comment.Id}?fields=hidden&access_token={token}");
        AssertSuccess(await server.PostAsync($"/{comment.Id}?hide=false&access_token={token}"));
        var shown = await server.GetAsync($"/{comment.Id}?fields=hidden&access_token={token}");

        Assert.Equal($$"""{"hidden":true,"id":"{{comment.Id}}"}""", hidden.Body);
        Assert.Equal($$"""{"hidden":false,"id":"{{comment.Id}}"}""", shown.Body);
    }

    [Fact]
    public async Task The_owner_s_own_comment_cannot_be_hidden()
    {
        var media = await server.NewMediaAsync();
        var own = await server.AddCommentAsync(media.Id, Shop, "our own words");
        var token = await server.FacebookTokenAsync();

        GraphAssert.Error(await server.PostAsync($"/{own.Id}?hide=true&access_token={token}"), 400, 100,
            message: "(#100) Comments made by the media owner cannot be hidden");
        GraphAssert.Error(await server.PostAsync($"/{own.Id}?access_token={token}"), 400, 100, message: "(#100) The parameter hide is required");
        Assert.False(server.FindComment(own.Id)!.Hidden);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_owner_deletes_a_comment_and_its_replies_go_with_it(bool facebook)
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "#gone soon @studio.creator");
        var reply = await server.AddCommentAsync(media.Id, Creator, "reply", parentId: top.Id);
        var kept = await server.AddCommentAsync(media.Id, Creator, "kept");
        await server.LikeCommentAsync(top.Id, Shop);
        var token = await TokenAsync(facebook);

        AssertSuccess(await server.DeleteAsync($"/{top.Id}?access_token={token}"));

        GraphAssert.Error(await server.GetAsync($"/{top.Id}?access_token={token}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{reply.Id}?access_token={token}"), 400, 100, 33);
        GraphAssert.Error(await server.DeleteAsync($"/{top.Id}?access_token={token}"), 400, 100, 33);
        Assert.Equal([DemoData.Id(kept.Id)], GraphAssert.Ids((await server.GetAsync($"/{media.Id}/comments?access_token={token}")).Json));
        Assert.Equal(0, server.Read(db => db.CommentLikes.Count(l => l.CommentId == top.Id)));
    }

    [Fact]
    public async Task The_owner_deletes_a_reply_by_method_override()
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "top");
        var reply = await server.AddCommentAsync(media.Id, Creator, "reply", parentId: top.Id);
        var token = await server.InstagramTokenAsync();

        AssertSuccess(await server.PostAsync($"/{reply.Id}?method=delete&access_token={token}"));

        Assert.Null(server.FindComment(reply.Id));
        Assert.NotNull(server.FindComment(top.Id));
    }

    [Fact]
    public async Task A_stranger_can_neither_delete_nor_hide_nor_reply()
    {
        var media = await server.NewMediaAsync(Creator);
        var comment = await server.AddCommentAsync(media.Id, Jane, "hello");
        var stranger = await server.InstagramTokenAsync(Shop);

        GraphAssert.Error(await server.DeleteAsync($"/{comment.Id}?access_token={stranger}"), 400, 100, 33);
        GraphAssert.Error(await server.PostAsync($"/{comment.Id}?hide=true&access_token={stranger}"), 400, 100, 33);
        GraphAssert.Error(await server.PostAsync($"/{comment.Id}/replies?message=x&access_token={stranger}"), 400, 100, 33);
        Assert.False(server.FindComment(comment.Id)!.Hidden);
    }

    [Fact]
    public async Task Hashtags_and_mentions_in_a_comment_are_recorded()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();
        var tag = $"fresh{media.Id}";
        var existing = await server.PostAsync($"/{media.Id}/comments?message={Uri.EscapeDataString($"#Coffee first, then #{tag}")}&access_token={token}");

        var id = CreatedId(await server.PostAsync(
            $"/{media.Id}/comments?message={Uri.EscapeDataString($"Hi @Jane.Doe and @studio.creator. and @nobody_here #{tag.ToUpperInvariant()} #coffee #coffee")}&access_token={token}"));

        CreatedId(existing);
        var (hashtags, mentions) = server.Read(db => (
            db.HashtagUses.AsNoTracking().Where(u => u.CommentId == id).Join(db.Hashtags, u => u.HashtagId, h => h.Id, (u, h) => new { h.Name, h.Id, u.MediaId }).ToList(),
            db.Mentions.AsNoTracking().Where(m => m.CommentId == id).Select(m => new { m.AccountId, m.MediaId }).ToList()));
        Assert.Equal([tag, "coffee"], hashtags.Select(h => h.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.All(hashtags, h => Assert.Equal(media.Id, h.MediaId));
        Assert.All(hashtags, h => Assert.Equal(6, h.Id % 100));
        Assert.Equal(1, server.Read(db => db.Hashtags.Count(h => h.Name == tag)));
        Assert.Equal(
            new[] { server.Account(Jane).Id, server.Account(Creator).Id }.Order(),
            mentions.Select(m => m.AccountId).Order());
        Assert.All(mentions, m => Assert.Equal(media.Id, m.MediaId));
    }

    [Fact]
    public async Task A_reply_records_its_hashtags_against_the_media()
    {
        var media = await server.NewMediaAsync();
        var top = await server.AddCommentAsync(media.Id, Jane, "top");
        var token = await server.FacebookTokenAsync();

        var id = CreatedId(await server.PostAsync($"/{top.Id}/replies?message={Uri.EscapeDataString("thanks @jane.doe #grateful")}&access_token={token}"));

        Assert.Equal(1, server.Read(db => db.HashtagUses.Count(u => u.CommentId == id && u.MediaId == media.Id)));
        Assert.Equal(server.Account(Jane).Id, server.Read(db => db.Mentions.Single(m => m.CommentId == id).AccountId));
    }
}
