using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Fixtures;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Fixtures;

/// <summary>A fixture file loaded into a fresh server: its fixed token works, its ids and times are the file's, and the control API names them.</summary>
public sealed class FixtureLoadTests
{
    private const string ShopToken = "IGAAshopFixtureToken0000000000000001";

    [Fact]
    public async Task The_fixed_token_works_and_the_world_is_the_files()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath);

        var me = await server.GetAsync($"/me?fields=id,username,account_type&access_token={ShopToken}");
        var media = await server.GetAsync($"/me/media?fields=id,caption,media_type,timestamp&access_token={ShopToken}");

        Assert.True(me.Status == 200, me.Body);
        Assert.Equal("17841400000000101", me.Json.GetProperty("id").GetString());
        Assert.Equal("corner_shop", me.Json.GetProperty("username").GetString());
        Assert.True(media.Status == 200, media.Body);
        var items = media.Json.GetProperty("data").EnumerateArray().ToList();
        // The grid: the album (2 h ago), the reel (1 d), the loaf (3 d); the story is not on it.
        Assert.Equal(["Three loaves", "Kneading #bread", "Fresh loaf with @bread.fan #bread"], items.Select(i => i.GetProperty("caption").GetString()));
        Assert.Equal(DemoData.Timestamp(PictographServer.Start.AddDays(-3).ToUnixTimeSeconds()), items[2].GetProperty("timestamp").GetString());
        Assert.Equal("17900000000000102", items[2].GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_control_api_names_the_apps_accounts_and_tokens_by_key()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath);

        var fixture = await server.FixtureAsync();

        Assert.Equal("shop-world", fixture.GetProperty("name").GetString());
        var app = Assert.Single(fixture.GetProperty("apps").EnumerateArray());
        Assert.Equal("1000000000004204", app.GetProperty("id").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef", app.GetProperty("secret").GetString());
        Assert.Equal(["shop", "fan", "maker"], fixture.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("key").GetString()));
        var tokens = fixture.GetProperty("tokens");
        Assert.Equal(ShopToken, tokens.GetProperty("shop_ig").GetString());
        var fan = tokens.GetProperty("fan_basic").GetString()!;
        Assert.StartsWith("IGQVJ", fan, StringComparison.Ordinal);
        var me = await server.GetAsync($"/me?fields=username&access_token={fan}");
        Assert.Equal("bread.fan", me.Json.GetProperty("username").GetString());
        Assert.StartsWith("EAA", tokens.GetProperty("olive").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expires_when_the_file_says()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath);
        var fan = (await server.FixtureAsync()).GetProperty("tokens").GetProperty("fan_basic").GetString();

        server.Clock.Advance(TimeSpan.FromMinutes(61));
        var me = await server.GetAsync($"/me?fields=username&access_token={fan}");

        Assert.Equal(190, me.ErrorCode);
        Assert.Equal(463, me.ErrorSubcode);
    }

    [Fact]
    public async Task Relative_times_resolve_against_the_clock_at_load()
    {
        var start = PictographServer.Start.AddDays(40).AddMinutes(7);
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath, start: start);

        var loaf = await server.GetAsync($"/17900000000000102?fields=timestamp,comments{{timestamp,text}}&access_token={ShopToken}");

        Assert.True(loaf.Status == 200, loaf.Body);
        Assert.Equal(DemoData.Timestamp(start.AddDays(-3).ToUnixTimeSeconds()), loaf.Json.GetProperty("timestamp").GetString());
        var comment = Assert.Single(loaf.Json.GetProperty("comments").GetProperty("data").EnumerateArray());
        Assert.Equal(DemoData.Timestamp(start.AddDays(-2).ToUnixTimeSeconds()), comment.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task The_same_file_gives_the_same_ids_tokens_and_answers_twice()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        string[] paths =
        [
            "/_pictograph/fixture",
            $"/me?fields=id,username,name,biography,website,followers_count,follows_count,media_count&access_token={ShopToken}",
            $"/me/media?fields=id,caption,media_type,media_product_type,timestamp,like_count,comments_count,permalink,shortcode&access_token={ShopToken}",
            $"/me/stories?fields=id,media_type,timestamp&access_token={ShopToken}",
            $"/17900000000000102/comments?fields=id,text,timestamp,username,like_count,replies{{id,text,timestamp}}&access_token={ShopToken}",
        ];

        var first = new List<string>();
        await using (var one = await FixtureServer.StartAsync(files.FixturePath))
        {
            foreach (var path in paths)
            {
                first.Add(Data((await one.GetAsync(path)).Body, one.Client.BaseAddress!));
            }
        }

        await using var two = await FixtureServer.StartAsync(files.FixturePath);
        for (var i = 0; i < paths.Length; i++)
        {
            var answer = await two.GetAsync(paths[i]);
            Assert.True(answer.Status == 200, $"{paths[i]}: {answer.Body}");
            Assert.Equal(first[i], Data(answer.Body, two.Client.BaseAddress!));
        }
    }

    [Fact]
    public async Task Hashtags_mentions_likes_and_follows_come_from_the_file()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        Assert.Equal(["bread"], await db.Hashtags.Select(h => h.Name).ToListAsync());
        Assert.Equal(3, await db.HashtagUses.CountAsync());
        Assert.Equal(2, await db.Mentions.CountAsync());
        Assert.Equal(2, await db.MediaLikes.CountAsync());
        Assert.Equal(1, await db.CommentLikes.CountAsync());
        Assert.Equal(1, await db.Follows.CountAsync());
        Assert.Equal(2, await db.InsightEvents.CountAsync());
        var album = await db.Media.SingleAsync(m => m.Caption == "Three loaves");
        var children = await db.Media.Where(m => m.ParentId == album.Id).OrderBy(m => m.Position).ToListAsync();
        Assert.Equal(2, children.Count);
        Assert.Equal(children[0].FileKey, album.FileKey);
    }

    [Fact]
    public async Task The_fixture_s_fault_rules_are_active_from_the_start()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        await using var server = await FixtureServer.StartAsync(files.FixturePath);

        var faulted = await server.GetAsync($"/v25.0/me/media?fields=id&access_token={ShopToken}");
        var next = await server.GetAsync($"/v25.0/me/media?fields=id&access_token={ShopToken}");

        GraphAssert.Error(faulted, 400, 4, message: "Too many calls");
        Assert.True(next.Status == 200, next.Body);
    }

    [Fact]
    public async Task A_fault_rule_with_mistakes_refuses_the_fixture()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop.Replace("error: {code: 4, message: Too many calls}", "error: {code: \"four\"}", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<FixtureException>(() => FixtureServer.StartAsync(files.FixturePath));

        Assert.Contains(refused.Errors, e => e.Path == "faults");
    }

    /// <summary>
    /// The answer with its paging links and cursors removed, at any depth (cursors are sealed with each data
    /// directory's own secret), and the server's origin (its port) written as one placeholder.
    /// </summary>
    public static string Data(string body, Uri origin)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.Replace(origin.GetLeftPart(UriPartial.Authority), "http://server", StringComparison.Ordinal));
        Strip(node);
        return node!.ToJsonString();
    }

    private static void Strip(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject map:
                map.Remove("paging");
                foreach (var (_, value) in map)
                {
                    Strip(value);
                }

                break;
            case System.Text.Json.Nodes.JsonArray list:
                foreach (var value in list)
                {
                    Strip(value);
                }

                break;
        }
    }
}
