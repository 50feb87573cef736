using Pictograph.Data;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>business_discovery, mentioned_media, mentioned_comment and POST /{ig-user-id}/mentions.</summary>
public sealed class DiscoveryAndMentionTests(PictographServer server) : IClassFixture<PictographServer>
{
    private const string CommentScopes = FacebookScopes + ",instagram_manage_comments";

    [Fact]
    public async Task Business_discovery_reads_another_professional_accounts_public_fields_and_media()
    {
        var fb = await server.FacebookTokenAsync();
        var creator = server.Account(Creator);
        var grid = server.Grid(Creator);

        var response = await server.GetAsync($"/{server.IdOf(Shop)}?fields=business_discovery.username({Creator}){{username,media_count,followers_count,media.limit(1){{id,username}}}}&access_token={fb}");

        AssertOk(response);
        var found = response.Json.GetProperty("business_discovery");
        Assert.Equal(DemoData.Id(creator.Id), found.GetProperty("id").GetString());
        Assert.Equal(Creator, found.GetProperty("username").GetString());
        Assert.Equal(grid.Count, found.GetProperty("media_count").GetInt64());
        var media = found.GetProperty("media");
        Assert.Equal([DemoData.Id(grid[0].Id)], GraphAssert.Ids(media));
        Assert.Equal(Creator, media.GetProperty("data")[0].GetProperty("username").GetString());
        var after = media.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString();

        var next = await server.GetAsync($"/{server.IdOf(Shop)}?fields=business_discovery.username({Creator}){{media.limit(1).after({after}){{id}}}}&access_token={fb}");
        AssertOk(next);
        Assert.Equal([DemoData.Id(grid[1].Id)], GraphAssert.Ids(next.Json.GetProperty("business_discovery").GetProperty("media")));
    }

    [Theory]
    [InlineData(Personal)]
    [InlineData("no_such_account_anywhere")]
    public async Task Business_discovery_of_a_personal_or_unknown_account_cannot_find_the_user(string username)
    {
        var fb = await server.FacebookTokenAsync();
        var response = await server.GetAsync($"/{server.IdOf(Shop)}?fields=business_discovery.username({username}){{id}}&access_token={fb}");
        var error = GraphAssert.Error(response, 400, 110, 2207013);
        Assert.Equal("Cannot find User", error.GetProperty("error_user_title").GetString());
    }

    [Fact]
    public async Task Business_discovery_is_not_a_field_of_the_instagram_login_user()
    {
        var ig = await server.InstagramLoginTokenAsync(Shop);
        var response = await server.GetAsync($"/me?fields=business_discovery.username({Creator}){{id}}&access_token={ig}");
        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Mentioned_media_and_comment_are_readable_only_when_they_mention_the_user()
    {
        var shop = server.Account(Shop).Id;
        var author = await server.AddAccountAsync("mentions_author", AccountType.Business);
        var mentioning = await server.AddMediaAsync(author, caption: "hello @example_shop");
        var other = await server.AddMediaAsync(author, caption: "nothing here");
        var comment = await server.AddCommentAsync(other, author, "hi @example_shop");
        await server.SeedAsync(db =>
        {
            db.Mentions.Add(new Mention { AccountId = shop, MediaId = mentioning, CreatedAt = server.Now() });
            db.Mentions.Add(new Mention { AccountId = shop, MediaId = other, CommentId = comment, CreatedAt = server.Now() });
        });
        var fb = await server.FacebookTokenAsync(CommentScopes);
        var basic = await server.FacebookTokenAsync();

        var media = await server.GetAsync($"/{shop}?fields=mentioned_media.media_id({mentioning}){{caption,username}}&access_token={fb}");
        var notMentioned = await server.GetAsync($"/{shop}?fields=mentioned_media.media_id({other}){{caption}}&access_token={fb}");
        var byComment = await server.GetAsync($"/{shop}?fields=mentioned_comment.comment_id({comment}){{text,username,media}}&access_token={fb}");
        var refused = await server.GetAsync($"/{shop}?fields=mentioned_media.media_id({mentioning}){{caption}}&access_token={basic}");

        AssertOk(media);
        var found = media.Json.GetProperty("mentioned_media");
        Assert.Equal(DemoData.Id(mentioning), found.GetProperty("id").GetString());
        Assert.Equal("hello @example_shop", found.GetProperty("caption").GetString());
        Assert.Equal("mentions_author", found.GetProperty("username").GetString());
        GraphAssert.Error(notMentioned, 400, 100, 33);
        AssertOk(byComment);
        var c = byComment.Json.GetProperty("mentioned_comment");
        Assert.Equal("hi @example_shop", c.GetProperty("text").GetString());
        Assert.Equal(DemoData.Id(other), c.GetProperty("media").GetProperty("id").GetString());
        GraphAssert.Error(refused, 403, 10);
    }

    [Fact]
    public async Task Replying_to_a_mention_creates_a_comment_by_the_user()
    {
        var shop = server.Account(Shop).Id;
        var author = await server.AddAccountAsync("reply_author", AccountType.Business);
        var mentioning = await server.AddMediaAsync(author, caption: "@example_shop look");
        var plain = await server.AddMediaAsync(author, caption: "no mention");
        await server.SeedAsync(db => db.Mentions.Add(new Mention { AccountId = shop, MediaId = mentioning, CreatedAt = server.Now() }));
        var fb = await server.FacebookTokenAsync(CommentScopes);
        var basic = await server.FacebookTokenAsync();

        var reply = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(mentioning)), ("message", "Thanks!"), ("access_token", fb));
        var elsewhere = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(plain)), ("message", "Thanks!"), ("access_token", fb));
        var noMessage = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(mentioning)), ("access_token", fb));
        var refused = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(mentioning)), ("message", "x"), ("access_token", basic));

        AssertOk(reply);
        var id = long.Parse(reply.Json.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var row = server.Read(db => db.Comments.Single(x => x.Id == id));
        Assert.Equal((mentioning, shop, "Thanks!"), (row.MediaId, row.AuthorId, row.Text));
        GraphAssert.Error(elsewhere, 400, 100);
        GraphAssert.Error(noMessage, 400, 100);
        GraphAssert.Error(refused, 403, 10);
    }

    [Fact]
    public async Task A_write_with_fields_that_cannot_be_read_back_answers_the_error_and_the_original_response()
    {
        var shop = server.Account(Shop).Id;
        var author = await server.AddAccountAsync("raw_author", AccountType.Business);
        var mentioning = await server.AddMediaAsync(author, caption: "@example_shop hi");
        await server.SeedAsync(db => db.Mentions.Add(new Mention { AccountId = shop, MediaId = mentioning, CreatedAt = server.Now() }));
        var fb = await server.FacebookTokenAsync(CommentScopes);

        // A field no node has: the read fails whatever serves comment ids, and the comment stays written.
        var response = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(mentioning)), ("message", "read back"), ("fields", "no_such_field_anywhere"), ("access_token", fb));

        Assert.True(response.Status >= 400, response.Body);
        Assert.True(response.Json.TryGetProperty("error", out _), response.Body);
        var id = response.Json.GetProperty("original_response").GetProperty("id").GetString()!;
        Assert.True(server.Read(db => db.Comments.Any(c => c.Id == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task A_write_with_fields_answers_those_fields_of_the_written_object()
    {
        var shop = server.Account(Shop).Id;
        // The shop mentions itself on its own post, so the reply is a comment the caller can read back.
        var own = await server.AddMediaAsync(shop, caption: "@example_shop self");
        await server.SeedAsync(db => db.Mentions.Add(new Mention { AccountId = shop, MediaId = own, CreatedAt = server.Now() }));
        var fb = await server.FacebookTokenAsync(CommentScopes);

        var response = await server.PostFormAsync($"/{shop}/mentions", ("media_id", DemoData.Id(own)), ("message", "read me back"), ("fields", "id,text"), ("access_token", fb));

        AssertOk(response);
        Assert.Equal("read me back", response.Json.GetProperty("text").GetString());
        Assert.False(response.Json.TryGetProperty("original_response", out _));
    }
}
