using System.Text.Json;
using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.RateLimits;

/// <summary>X-App-Usage, X-Business-Use-Case-Usage and the throttling codes 4, 17 and 80002.</summary>
public sealed class UsageTests
{
    private static JsonElement Header(GraphResponse response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"no {name} header");
        return JsonDocument.Parse(Assert.Single(values)).RootElement;
    }

    private static void AssertAppUsage(GraphResponse response, int percent)
    {
        var usage = Header(response, "X-App-Usage");
        Assert.Equal(["call_count", "total_time", "total_cputime"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(percent, usage.GetProperty("call_count").GetInt32());
        Assert.All(usage.EnumerateObject(), p => Assert.InRange(p.Value.GetInt32(), 0, 100));
    }

    [Fact]
    public async Task Heavy_calls_are_charged_their_cpu_time_and_exhaust_the_budget_light_ones_do_not()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:CpuTimePerUser=00:00:00.200", "--Pictograph:AppMinimumUsers=1", "--Pictograph:TotalTimePerUser=01:00:00");
        var server = own.Server;
        var light = $"/me?fields=id&access_token={server.Demo.Token}";
        // Fifty aliases of a nested expansion, as one call; named anew for each call, so none is a kept answer.
        static string Heavy(int call) => string.Join(',', Enumerable.Range(0, 50).Select(i => $"media.as(m{i}_{call}){{id,caption,timestamp,children{{id,media_url,media_type}}}}"));
        var heavy = Heavy(100);
        Assert.Equal(200, (await server.GetAsync(light)).Status);
        Assert.Equal(200, (await server.PostFormAsync("/me", ("method", "GET"), ("fields", heavy), ("access_token", server.Demo.Token))).Status);
        // A fresh window, with the code paths warm.
        server.Clock.Advance(TimeSpan.FromHours(1));

        var first = await server.GetAsync(light);
        Assert.InRange(Header(first, "X-App-Usage").GetProperty("total_cputime").GetInt32(), 0, 99);

        GraphResponse? refused = null;
        var usage = "";
        for (var call = 0; call < 400 && refused is null; call++)
        {
            var answer = await server.PostFormAsync("/me", ("method", "GET"), ("fields", Heavy(call)), ("access_token", server.Demo.Token));
            usage = Header(answer, "X-App-Usage").ToString();
            refused = answer.Status == 200 ? null : answer;
        }

        Assert.True(refused is not null, usage);
        AssertThrottled(refused, 4, "(#4) Application request limit reached");
        Assert.Equal(100, Header(refused, "X-App-Usage").GetProperty("total_cputime").GetInt32());

        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(200, (await server.GetAsync(light)).Status);
    }

    private static JsonElement BusinessUsage(GraphResponse response, long accountId)
    {
        var usage = Header(response, "X-Business-Use-Case-Usage");
        var entry = Assert.Single(Assert.Single(usage.EnumerateObject(), p => p.Name == DemoData.Id(accountId)).Value.EnumerateArray());
        Assert.Equal(["type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("instagram", entry.GetProperty("type").GetString());
        return entry;
    }

    private static void AssertThrottled(GraphResponse response, int code, string message)
    {
        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
        Assert.True(response.Json.GetProperty("error").GetProperty("is_transient").GetBoolean());
    }

    [Fact]
    public async Task App_usage_header_moves_with_every_call()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AppCallsPerUser=10", "--Pictograph:AppMinimumUsers=1");
        var server = own.Server;

        for (var call = 1; call <= 3; call++)
        {
            var response = await server.GetAsync($"/me?fields=id&access_token={server.Demo.Token}");
            Assert.Equal(200, response.Status);
            AssertAppUsage(response, call * 10);
            Assert.False(response.Headers.Contains("X-Business-Use-Case-Usage"), "Basic Display is under Platform limits only");
        }

        // Errors after authentication count and carry the header too.
        var error = await server.GetAsync($"/me?fields=nope&access_token={server.Demo.Token}");
        Assert.Equal(400, error.Status);
        AssertAppUsage(error, 40);
    }

    [Fact]
    public async Task Past_the_app_budget_calls_fail_with_code_4_until_the_window_ends()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AppCallsPerUser=3", "--Pictograph:AppMinimumUsers=1");
        var server = own.Server;
        var path = $"/me?fields=id&access_token={server.Demo.Token}";

        for (var call = 1; call <= 3; call++)
        {
            Assert.Equal(200, (await server.GetAsync(path)).Status);
        }

        var refused = await server.GetAsync(path);
        AssertThrottled(refused, 4, "(#4) Application request limit reached");
        AssertAppUsage(refused, 100);
        Assert.Equal(4, (await server.GetAsync(path)).ErrorCode);

        server.Clock.Advance(TimeSpan.FromHours(1));
        var again = await server.GetAsync(path);
        Assert.Equal(200, again.Status);
        AssertAppUsage(again, 33);
    }

    [Fact]
    public async Task The_app_budget_grows_with_active_users()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AppCallsPerUser=2", "--Pictograph:AppMinimumUsers=1");
        var server = own.Server;
        var jane = $"/me?fields=id&access_token={server.Demo.Token}";
        Assert.Equal(200, (await server.GetAsync(jane)).Status);
        Assert.Equal(200, (await server.GetAsync(jane)).Status);
        Assert.Equal(4, (await server.GetAsync(jane)).ErrorCode);

        // A second user arrives: the app may make 2 × 2 calls in this hour.
        var creator = await server.IssueTokenAsync("studio.creator");
        var response = await server.GetAsync($"/me?fields=id&access_token={creator}");
        Assert.Equal(200, response.Status);
        AssertAppUsage(response, 75);
    }

    [Fact]
    public async Task Past_the_user_budget_calls_fail_with_code_17_for_that_user_only()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:UserCallsPerWindow=2", "--Pictograph:RateLimitWindow=00:10:00");
        var server = own.Server;
        var path = $"/me?fields=id&access_token={server.Demo.Token}";

        var first = await server.GetAsync(path);
        AssertAppUsage(first, 50);
        Assert.Equal(200, (await server.GetAsync(path)).Status);
        var refused = await server.GetAsync(path);
        AssertThrottled(refused, 17, "(#17) User request limit reached");
        AssertAppUsage(refused, 100);

        var other = await server.IssueTokenAsync("studio.creator");
        Assert.Equal(200, (await server.GetAsync($"/me?fields=id&access_token={other}")).Status);

        server.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(200, (await server.GetAsync(path)).Status);
    }

    [Fact]
    public async Task Instagram_login_calls_carry_business_usage_and_fail_with_80002_past_the_budget()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:BusinessCallsPerWindow=2");
        var server = own.Server;
        var shop = server.Account("example_shop").Id;
        var token = await server.IssueTokenAsync(shop, TokenFlavour.InstagramLogin, "instagram_business_basic");
        var path = $"/me?fields=id&access_token={token}";

        var first = await server.GetAsync(path);
        Assert.Equal(200, first.Status);
        var usage = BusinessUsage(first, shop);
        Assert.Equal(50, usage.GetProperty("call_count").GetInt32());
        Assert.Equal(0, usage.GetProperty("estimated_time_to_regain_access").GetInt32());
        Assert.True(first.Headers.Contains("X-App-Usage"));

        Assert.Equal(100, BusinessUsage(await server.GetAsync(path), shop).GetProperty("call_count").GetInt32());

        var refused = await server.GetAsync(path);
        AssertThrottled(refused, 80002, "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.");
        var exhausted = BusinessUsage(refused, shop);
        Assert.Equal(100, exhausted.GetProperty("call_count").GetInt32());
        // The 24-hour windows are aligned to midnight UTC; the test clock starts at noon.
        Assert.Equal(12 * 60, exhausted.GetProperty("estimated_time_to_regain_access").GetInt32());

        server.Clock.Advance(TimeSpan.FromHours(24));
        var again = await server.GetAsync(path);
        Assert.Equal(200, again.Status);
        Assert.Equal(50, BusinessUsage(again, shop).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task Facebook_tokens_are_charged_to_the_instagram_account_they_reach()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:BusinessCallsPerWindow=4");
        var server = own.Server;
        var shop = server.Account("example_shop").Id;
        var token = await server.DeveloperTokenAsync("instagram_basic,pages_show_list");

        var me = await server.GetAsync($"/v25.0/me?fields=id&access_token={token}");
        Assert.Equal(200, me.Status);
        Assert.False(me.Headers.Contains("X-Business-Use-Case-Usage"), "the Facebook user itself is not an Instagram account");

        var user = await server.GetAsync($"/v25.0/{shop}?fields=id,username&access_token={token}");
        Assert.True(user.Status == 200, user.Body);
        Assert.Equal(25, BusinessUsage(user, shop).GetProperty("call_count").GetInt32());

        var media = await server.GetAsync($"/v25.0/{shop}/media?fields=id&access_token={token}");
        Assert.Equal(50, BusinessUsage(media, shop).GetProperty("call_count").GetInt32());
        var item = media.Json.GetProperty("data")[0].GetProperty("id").GetString();
        var node = await server.GetAsync($"/v25.0/{item}?fields=id&access_token={token}");
        Assert.Equal(75, BusinessUsage(node, shop).GetProperty("call_count").GetInt32());
    }
}
