using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>The usage budgets changed at run time through <c>/_pictograph/rate-limits</c>.</summary>
public sealed class RateLimitBudgetTests
{
    [Fact]
    public async Task A_lowered_budget_throttles_and_restoring_it_lets_calls_through_again()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var me = $"/v25.0/me?fields=id&access_token={server.Demo.Token}";
        var configured = await server.GetAsync("/_pictograph/rate-limits");
        Assert.Equal(200, configured.Json.GetProperty("app_calls_per_user").GetInt32());
        Assert.Equal(3600, configured.Json.GetProperty("window").GetDouble());
        Assert.False(configured.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(200, (await server.GetAsync(me)).Status);

        var lowered = await server.SendJsonAsync(HttpMethod.Put, "/_pictograph/rate-limits", """{"app_calls_per_user":2,"app_minimum_users":1}""");
        Assert.Equal(200, lowered.Status);
        Assert.True(lowered.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(5000, lowered.Json.GetProperty("user_calls_per_window").GetInt32());
        Assert.Equal(200, (await server.GetAsync(me)).Status);
        var refused = await server.GetAsync(me);
        GraphAssert.Error(refused, 400, 4, message: "(#4) Application request limit reached");
        Assert.True(refused.Json.GetProperty("error").GetProperty("is_transient").GetBoolean());

        var restored = await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/rate-limits", "");
        Assert.False(restored.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(200, (await server.GetAsync(me)).Status);
    }

    [Fact]
    public async Task The_user_budget_and_the_window_change_too()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var me = $"/v25.0/me?fields=id&access_token={server.Demo.Token}";
        Assert.Equal(200, (await server.SendJsonAsync(HttpMethod.Put, "/_pictograph/rate-limits", """{"user_calls_per_window":1,"window":"1m"}""")).Status);
        Assert.Equal(200, (await server.GetAsync(me)).Status);
        GraphAssert.Error(await server.GetAsync(me), 400, 17, message: "(#17) User request limit reached");
        // The next one-minute window starts afresh.
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await server.GetAsync(me)).Status);
    }

    [Fact]
    public async Task Mistaken_budgets_are_refused_with_each_listed_and_nothing_changes()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var refused = await server.SendJsonAsync(HttpMethod.Put, "/_pictograph/rate-limits", """{"app_calls_per_user":0,"window":"forever","calls":5,"user_calls_per_window":10}""");
        Assert.Equal(400, refused.Status);
        Assert.StartsWith("application/problem+json", refused.ContentType, StringComparison.Ordinal);
        var errors = refused.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("app_calls_per_user:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("window:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("calls:", StringComparison.Ordinal));
        var now = await server.GetAsync("/_pictograph/rate-limits");
        Assert.Equal(5000, now.Json.GetProperty("user_calls_per_window").GetInt32());
        Assert.False(now.Json.GetProperty("changed").GetBoolean());
    }
}
