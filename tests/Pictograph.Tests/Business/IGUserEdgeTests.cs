using Pictograph.Data;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>Counts, stories, tags, live_media and the "not yet" edges of IG User, both flavours; rows seeded here.</summary>
public sealed class IGUserEdgeTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task Follow_counts_come_from_the_follow_graph_in_both_flavours()
    {
        var shop = server.Account(Shop).Id;
        var creator = server.Account(Creator).Id;
        var fans = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            fans.Add(await server.AddAccountAsync($"fan_counts_{i}"));
        }

        await server.SeedAsync(db =>
        {
            foreach (var fan in fans)
            {
                db.Follows.Add(new Follow { FollowerId = fan, FolloweeId = shop, CreatedAt = server.Now() });
            }

            db.Follows.Add(new Follow { FollowerId = shop, FolloweeId = fans[0], CreatedAt = server.Now() });
        });
        var fb = await server.FacebookTokenAsync();
        var ig = await server.InstagramLoginTokenAsync(Shop);

        var viaFacebook = await server.GetAsync($"/v25.0/{shop}?fields=followers_count,follows_count&access_token={fb}");
        var viaInstagram = await server.GetAsync($"/me?fields=followers_count,follows_count&access_token={ig}");
        // Two accounts on one level: one batched count each.
        var accounts = await server.GetAsync($"/me/accounts?fields=instagram_business_account{{followers_count,follows_count}}&access_token={fb}");

        // Whatever the demo seed holds, plus what this test added.
        (long Followers, long Follows) Expected(long id) => server.Read(db => ((long)db.Follows.Count(f => f.FolloweeId == id), (long)db.Follows.Count(f => f.FollowerId == id)));
        Assert.True(Expected(shop).Followers >= 3 && Expected(shop).Follows >= 1);
        foreach (var response in new[] { viaFacebook, viaInstagram })
        {
            AssertOk(response);
            Assert.Equal(Expected(shop).Followers, response.Json.GetProperty("followers_count").GetInt64());
            Assert.Equal(Expected(shop).Follows, response.Json.GetProperty("follows_count").GetInt64());
        }

        AssertOk(accounts);
        var counts = accounts.Json.GetProperty("data").EnumerateArray()
            .Select(p => p.GetProperty("instagram_business_account"))
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => (a.GetProperty("followers_count").GetInt64(), a.GetProperty("follows_count").GetInt64()));
        Assert.Equal(Expected(shop), counts[DemoData.Id(shop)]);
        Assert.Equal(Expected(creator), counts[DemoData.Id(creator)]);
    }

    [Fact]
    public async Task Counts_need_the_flavours_basic_permission()
    {
        var fb = await server.FacebookTokenAsync("public_profile,pages_show_list");
        var response = await server.GetAsync($"/{server.IdOf(Shop)}?fields=followers_count&access_token={fb}");
        GraphAssert.Error(response, 403, 10);
    }

    [Fact]
    public async Task Stories_are_the_last_24_hours_by_the_server_clock()
    {
        var creator = server.Account(Creator).Id;
        var fresh = await server.AddMediaAsync(creator, MediaProductType.Story, server.Now() - 3600);
        var fresher = await server.AddMediaAsync(creator, MediaProductType.Story, server.Now() - 60);
        await server.AddMediaAsync(creator, MediaProductType.Story, server.Now() - (25 * 3600));
        var fb = await server.FacebookTokenAsync();
        var ig = await server.InstagramLoginTokenAsync(Creator);

        var viaFacebook = await server.GetAsync($"/{creator}/stories?fields=id,media_product_type&access_token={fb}");
        var viaInstagram = await server.GetAsync($"/me/stories?access_token={ig}");
        var onePage = await server.GetAsync($"/{creator}/stories?limit=1&access_token={fb}");

        var since = server.Now() - 86_400;
        var expected = server.AllMedia(Creator)
            .Where(m => m.ProductType == MediaProductType.Story && m.ParentId is null && m.CreatedAt > since)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => DemoData.Id(m.Id))
            .Take(25)
            .ToList();
        Assert.Contains(DemoData.Id(fresh), expected);
        Assert.Contains(DemoData.Id(fresher), expected);
        AssertOk(viaFacebook);
        AssertOk(viaInstagram);
        Assert.Equal(expected, GraphAssert.Ids(viaFacebook.Json));
        Assert.All(viaFacebook.Json.GetProperty("data").EnumerateArray(), s => Assert.Equal("STORY", s.GetProperty("media_product_type").GetString()));
        Assert.Equal(expected, GraphAssert.Ids(viaInstagram.Json));
        AssertOk(onePage);
        Assert.True(onePage.Json.GetProperty("paging").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task Tags_list_media_the_user_is_tagged_in_with_cursors_but_no_links()
    {
        var shop = server.Account(Shop).Id;
        var tagger = await server.AddAccountAsync("tagger_of_shop", AccountType.Business);
        var tagged = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            // In the future of anything seeded, so these three lead the newest-first list.
            tagged.Add(await server.AddMediaAsync(tagger, createdAt: server.Now() + 1000 - (100 * (i + 1))));
        }

        var untagged = await server.AddMediaAsync(tagger);
        await server.SeedAsync(db =>
        {
            foreach (var media in tagged)
            {
                db.UserTags.Add(new UserTag { MediaId = media, AccountId = shop });
            }
        });
        var fb = await server.FacebookTokenAsync();

        var first = await server.GetAsync($"/{shop}/tags?limit=2&access_token={fb}");
        AssertOk(first);
        Assert.Equal(tagged.Take(2).Select(DemoData.Id), GraphAssert.Ids(first.Json));
        var paging = first.Json.GetProperty("paging");
        Assert.False(paging.TryGetProperty("next", out _));
        Assert.False(paging.TryGetProperty("previous", out _));
        var after = paging.GetProperty("cursors").GetProperty("after").GetString();

        var second = await server.GetAsync($"/{shop}/tags?limit=2&after={Uri.EscapeDataString(after!)}&access_token={fb}");
        AssertOk(second);
        Assert.Equal(DemoData.Id(tagged[2]), GraphAssert.Ids(second.Json)[0]);
        Assert.DoesNotContain(DemoData.Id(untagged), GraphAssert.Ids(second.Json));

        var ig = await server.InstagramLoginTokenAsync(Shop);
        var viaInstagram = await server.GetAsync($"/me/tags?limit=3&access_token={ig}");
        AssertOk(viaInstagram);
        Assert.Equal(tagged.Select(DemoData.Id), GraphAssert.Ids(viaInstagram.Json));
    }

    [Fact]
    public async Task Live_media_is_an_empty_list()
    {
        var fb = await server.FacebookTokenAsync();
        var response = await server.GetAsync($"/{server.IdOf(Shop)}/live_media?access_token={fb}");
        AssertOk(response);
        Assert.Equal("""{"data":[]}""", response.Body);
    }

    [Theory]
    [InlineData("scheduled_media")]
    [InlineData("welcome_message_flows")]
    [InlineData("available_catalogs")]
    public async Task Edges_not_served_yet_answer_an_error_saying_so(string edge)
    {
        var fb = await server.FacebookTokenAsync();
        var ig = await server.InstagramLoginTokenAsync(Shop);

        var path = await server.GetAsync($"/{server.IdOf(Shop)}/{edge}?access_token={fb}");
        var field = await server.GetAsync($"/{server.IdOf(Shop)}?fields=id,{edge}&access_token={fb}");

        var error = GraphAssert.Error(path, 400, 3);
        Assert.Contains("not available yet", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        GraphAssert.Error(field, 400, 3);
        if (edge == "welcome_message_flows")
        {
            GraphAssert.Error(await server.GetAsync($"/me/{edge}?access_token={ig}"), 400, 3);
        }
    }
}
