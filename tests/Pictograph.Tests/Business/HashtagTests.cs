using Pictograph.Data;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>ig_hashtag_search and the hashtag node (ShadowIGHashtag) with top_media and recent_media.</summary>
public sealed class HashtagTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task Search_finds_an_existing_hashtag_by_name()
    {
        var id = await server.AddHashtagAsync("bluebottlesearch");
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);

        var found = await server.GetAsync($"/v25.0/ig_hashtag_search?user_id={shop}&q=BlueBottleSearch&access_token={fb}");
        var withHash = await server.GetAsync($"/ig_hashtag_search?user_id={shop}&q=%23bluebottlesearch&access_token={fb}");

        AssertOk(found);
        Assert.Equal($$"""{"data":[{"id":"{{id}}"}]}""", found.Body);
        AssertOk(withHash);
        Assert.Equal(found.Body, withHash.Body);
    }

    [Fact]
    public async Task Search_gives_a_tag_nobody_wrote_yet_its_node_once_and_counts_it()
    {
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);

        var first = await server.GetAsync($"/ig_hashtag_search?user_id={shop}&q=NobodyWroteThisEver&access_token={fb}");
        var again = await server.GetAsync($"/ig_hashtag_search?user_id={server.IdOf(Creator)}&q=nobodywrotethisever&access_token={fb}");

        AssertOk(first);
        var id = first.Json.GetProperty("data")[0].GetProperty("id").GetString();
        Assert.Equal(first.Body, again.Body);
        var node = await server.GetAsync($"/{id}?fields=id,name&access_token={fb}");
        AssertOk(node);
        Assert.Equal("nobodywrotethisever", node.Json.GetProperty("name").GetString());
        var recently = await server.GetAsync($"/{shop}/recently_searched_hashtags?fields=id&limit=30&access_token={fb}");
        Assert.Contains(id, GraphAssert.Ids(recently.Json));
        var media = await server.GetAsync($"/{id}/recent_media?user_id={shop}&fields=id&access_token={fb}");
        AssertOk(media);
        Assert.Equal(0, media.Json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("dash-ed")]
    [InlineData("%23")]
    [InlineData("%F0%9F%98%80")]
    public async Task Search_refuses_text_that_is_not_one_hashtag(string q)
    {
        var fb = await server.FacebookTokenAsync();
        var error = GraphAssert.Error(await server.GetAsync($"/ig_hashtag_search?user_id={server.IdOf(Shop)}&q={q.Replace(" ", "%20", StringComparison.Ordinal)}&access_token={fb}"), 400, 100);
        Assert.Contains("hashtag", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_needs_its_parameters_a_reachable_user_and_instagram_basic()
    {
        await server.AddHashtagAsync("paramcheck");
        var fb = await server.FacebookTokenAsync();
        var pagesOnly = await server.FacebookTokenAsync("public_profile,pages_show_list");
        var ig = await server.InstagramLoginTokenAsync(Shop);
        var shop = server.IdOf(Shop);

        GraphAssert.Error(await server.GetAsync($"/ig_hashtag_search?q=paramcheck&access_token={fb}"), 400, 100);
        GraphAssert.Error(await server.GetAsync($"/ig_hashtag_search?user_id={shop}&access_token={fb}"), 400, 100);
        GraphAssert.Error(await server.GetAsync($"/ig_hashtag_search?user_id={server.IdOf(Personal)}&q=paramcheck&access_token={fb}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/ig_hashtag_search?user_id={shop}&q=paramcheck&access_token={pagesOnly}"), 403, 10);
        // Not part of the API with Instagram Login: an unknown path there.
        Assert.Equal(400, (await server.GetAsync($"/ig_hashtag_search?user_id={shop}&q=paramcheck&access_token={ig}")).Status);
    }

    [Fact]
    public async Task The_hashtag_node_has_id_and_name()
    {
        var id = await server.AddHashtagAsync("nodefields");
        var fb = await server.FacebookTokenAsync();

        var byDefault = await server.GetAsync($"/{id}?access_token={fb}");
        var named = await server.GetAsync($"/{id}?fields=id,name&access_token={fb}");
        var wrong = await server.GetAsync($"/{id}?fields=username&access_token={fb}");

        AssertOk(byDefault);
        Assert.Equal($$"""{"id":"{{id}}"}""", byDefault.Body);
        AssertOk(named);
        Assert.Equal("nodefields", named.Json.GetProperty("name").GetString());
        var error = GraphAssert.Error(wrong, 400, 100);
        Assert.Contains("(ShadowIGHashtag)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_media_is_most_liked_first_without_username_and_needs_user_id()
    {
        var tag = await server.AddHashtagAsync("topmediatag");
        var author = await server.AddAccountAsync("top_author", AccountType.Business);
        var likers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            likers.Add(await server.AddAccountAsync($"top_liker_{i}"));
        }

        var media = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            media.Add(await server.AddMediaAsync(author, createdAt: server.Now() - (10 * 86_400) + i, caption: "#topmediatag"));
        }

        var ad = await server.AddMediaAsync(author, MediaProductType.Ad, caption: "#topmediatag");
        await server.SeedAsync(db =>
        {
            foreach (var m in media.Append(ad))
            {
                db.HashtagUses.Add(new HashtagUse { HashtagId = tag, MediaId = m, CreatedAt = server.Now() });
            }

            // media[1]: 3 likes, media[0]: 1, media[2]: none.
            foreach (var liker in likers)
            {
                db.MediaLikes.Add(new MediaLike { MediaId = media[1], AccountId = liker, CreatedAt = server.Now() });
            }

            db.MediaLikes.Add(new MediaLike { MediaId = media[0], AccountId = likers[0], CreatedAt = server.Now() });
        });
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);

        var first = await server.GetAsync($"/{tag}/top_media?user_id={shop}&fields=id,like_count,caption&limit=2&access_token={fb}");
        AssertOk(first);
        Assert.Equal([DemoData.Id(media[1]), DemoData.Id(media[0])], GraphAssert.Ids(first.Json));
        Assert.Equal(3, first.Json.GetProperty("data")[0].GetProperty("like_count").GetInt64());
        var next = first.Json.GetProperty("paging").GetProperty("next").GetString()!;
        Assert.Contains("user_id=", next, StringComparison.Ordinal);
        var second = await server.GetAsync(next);
        AssertOk(second);
        Assert.Equal([DemoData.Id(media[2])], GraphAssert.Ids(second.Json));

        GraphAssert.Error(await server.GetAsync($"/{tag}/top_media?access_token={fb}"), 400, 100);
        GraphAssert.Error(await server.GetAsync($"/{tag}/top_media?user_id={shop}&fields=id,username&access_token={fb}"), 400, 100);
        var asField = await server.GetAsync($"/{tag}?fields=name,top_media.user_id({shop}).limit(1){{id}}&access_token={fb}");
        AssertOk(asField);
        Assert.Equal([DemoData.Id(media[1])], GraphAssert.Ids(asField.Json.GetProperty("top_media")));
    }

    [Fact]
    public async Task Recent_media_is_the_last_24_hours_at_most_50_a_page_with_only_an_after_cursor()
    {
        var tag = await server.AddHashtagAsync("recentmediatag");
        var author = await server.AddAccountAsync("recent_author", AccountType.Business);
        var recent = new List<long>();
        for (var i = 0; i < 52; i++)
        {
            recent.Add(await server.AddMediaAsync(author, createdAt: server.Now() - 3600 - i));
        }

        var old = await server.AddMediaAsync(author, createdAt: server.Now() - (25 * 3600));
        var story = await server.AddMediaAsync(author, MediaProductType.Story, createdAt: server.Now() - 60);
        await server.SeedAsync(db =>
        {
            foreach (var m in recent.Append(old).Append(story))
            {
                db.HashtagUses.Add(new HashtagUse { HashtagId = tag, MediaId = m, CreatedAt = server.Now() });
            }
        });
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);

        var first = await server.GetAsync($"/{tag}/recent_media?user_id={shop}&limit=100&access_token={fb}");

        AssertOk(first);
        Assert.Equal(50, first.Json.GetProperty("data").GetArrayLength());
        var paging = first.Json.GetProperty("paging");
        Assert.Equal(["after"], GraphAssert.Names(paging.GetProperty("cursors")));
        Assert.False(paging.TryGetProperty("previous", out _));
        var second = await server.GetAsync(paging.GetProperty("next").GetString()!);
        AssertOk(second);
        var all = GraphAssert.Ids(first.Json).Concat(GraphAssert.Ids(second.Json)).ToList();
        Assert.Equal(recent.Select(DemoData.Id).OrderBy(x => x, StringComparer.Ordinal), all.OrderBy(x => x, StringComparer.Ordinal));
        Assert.DoesNotContain(DemoData.Id(old), all);
        Assert.DoesNotContain(DemoData.Id(story), all);
    }
}

/// <summary>30 unique hashtags per user per rolling 7 days (its own server: it moves the clock).</summary>
public sealed class HashtagLimitTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task The_31st_unique_hashtag_in_7_days_is_refused_until_the_window_rolls_on()
    {
        var tags = new List<long>();
        for (var i = 0; i < 31; i++)
        {
            tags.Add(await server.AddHashtagAsync($"limit{i}"));
        }

        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);
        Task<GraphResponse> Search(int i, string user) => server.GetAsync($"/ig_hashtag_search?user_id={user}&q=limit{i}&access_token={fb}");

        for (var i = 0; i < 30; i++)
        {
            AssertOk(await Search(i, shop));
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await Search(30, shop);
        var again = await Search(0, shop);
        var otherUser = await Search(30, server.IdOf(Creator));
        var recently = await server.GetAsync($"/{shop}/recently_searched_hashtags?fields=id,name&limit=50&access_token={fb}");

        var error = GraphAssert.Error(refused, 400, 24);
        Assert.Contains("30 unique hashtags", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertOk(again);
        AssertOk(otherUser);
        AssertOk(recently);
        Assert.Equal(tags.Take(30).Select(DemoData.Id).OrderBy(x => x, StringComparer.Ordinal), GraphAssert.Ids(recently.Json).OrderBy(x => x, StringComparer.Ordinal));

        // Seven days after the second search (the first was repeated just now), that one slot is free again…
        server.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(29));
        AssertOk(await Search(30, shop));
        // …and taken: the hashtag that left the window counts as new again.
        GraphAssert.Error(await Search(1, shop), 400, 24);
    }
}
