using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Control.Faults;
using Pictograph.Tests.Business;
using Pictograph.Tests.Impersonation;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>Fault rules through HTTP: each kind, by count and by chance, by caller, on every route but the control API.</summary>
public sealed class FaultsTests(PictographServer server) : IClassFixture<PictographServer>, IAsyncLifetime
{
    public async Task InitializeAsync() => Assert.Equal(200, (await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/faults", "")).Status);

    public Task DisposeAsync() => Task.CompletedTask;

    private string Me => $"/v25.0/me?fields=id&access_token={server.Demo.Token}";

    [Fact]
    public async Task An_error_rule_answers_in_the_exact_graph_envelope_for_its_next_n_matches_then_is_spent()
    {
        var added = await server.AddFaultAsync("""
            {"id":"busy","match":{"method":"GET","path":"/v*/me"},
             "error":{"code":4,"error_subcode":1349210,"type":"OAuthException","message":"(#4) Application request limit reached","status":429,"is_transient":true},
             "times":2}
            """);
        Assert.Equal("busy", added.GetProperty("id").GetString());
        Assert.Equal(2, added.GetProperty("remaining").GetInt32());

        var first = await server.GetAsync(Me);
        Assert.Equal(429, first.Status);
        Assert.StartsWith("application/json", first.ContentType, StringComparison.Ordinal);
        Assert.Equal("v25.0", Assert.Single(first.Headers.GetValues("facebook-api-version")));
        Assert.StartsWith("OAuth \"Facebook Platform\"", Assert.Single(first.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        var error = Assert.Single(first.Json.EnumerateObject());
        Assert.Equal("error", error.Name);
        Assert.Equal(["message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"], error.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal("(#4) Application request limit reached", first.ErrorMessage);
        Assert.Equal(4, first.ErrorCode);
        Assert.Equal(1349210, first.ErrorSubcode);
        Assert.True(error.Value.GetProperty("is_transient").GetBoolean());
        Assert.False(string.IsNullOrEmpty(error.Value.GetProperty("fbtrace_id").GetString()));

        var listed = Assert.Single((await server.FaultsAsync()).EnumerateArray());
        Assert.Equal(1, listed.GetProperty("remaining").GetInt32());
        Assert.Equal(1, listed.GetProperty("hits").GetInt32());

        Assert.Equal(429, (await server.GetAsync(Me)).Status);
        Assert.Equal(200, (await server.GetAsync(Me)).Status);
        Assert.Empty((await server.FaultsAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_rule_matches_only_its_method_and_path_pattern()
    {
        await server.AddFaultAsync("""{"match":{"method":"GET","path":"/v*/*/media"},"error":{"code":2,"message":"Service temporarily unavailable","status":503,"is_transient":true}}""");
        GraphAssert.Error(await server.GetAsync($"/v25.0/me/media?access_token={server.Demo.Token}"), 503, 2, message: "Service temporarily unavailable");
        Assert.Equal(200, (await server.GetAsync(Me)).Status);
        // * stays within a segment: /me/media/extra is not /*/media.
        Assert.NotEqual(503, (await server.GetAsync($"/v25.0/me/media/extra?access_token={server.Demo.Token}")).Status);
        Assert.Equal(200, (await server.PostFormAsync("/v25.0/me", ("method", "GET"), ("fields", "id"), ("access_token", server.Demo.Token))).Status);
    }

    [Fact]
    public async Task Latency_holds_the_answer_until_the_server_clock_has_moved_that_far()
    {
        await server.AddFaultAsync("""{"id":"slow","match":{"path":"/v25.0/me"},"latency":"250ms","times":2}""");
        var call = server.Client.GetAsync(Me + "&slow=1");
        await server.WaitForHitsAsync("slow", 1);
        Assert.False(call.IsCompleted);

        server.Clock.Advance(TimeSpan.FromMilliseconds(250));
        using var answer = await call;
        Assert.Equal(200, (int)answer.StatusCode);
        var kept = Assert.Single(await server.InspectedAsync("path=/v25.0/me"), r => r.GetProperty("path").GetString()!.EndsWith("slow=1", StringComparison.Ordinal));
        Assert.Equal(250, kept.GetProperty("latency_ms").GetDouble());
        Assert.Equal("slow", kept.GetProperty("fault").GetString());
    }

    [Fact]
    public async Task A_dropped_connection_is_a_connection_error_to_the_client()
    {
        await server.AddFaultAsync("""{"id":"cut","match":{"path":"/v25.0/me"},"drop":true,"times":1}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => server.Client.GetAsync(Me + "&cut=1"));
        Assert.Equal(200, (await server.GetAsync(Me)).Status);
        var kept = Assert.Single(await server.InspectedAsync(), r => r.GetProperty("path").GetString()!.EndsWith("cut=1", StringComparison.Ordinal));
        Assert.True(kept.GetProperty("dropped").GetBoolean());
        Assert.Equal(0, kept.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Rules_by_token_app_and_user_apply_to_that_caller_only()
    {
        var other = await server.IssueTokenAsync(server.Demo.Username);
        await server.AddFaultAsync($$$"""{"match":{"token":"{{{server.Demo.Token}}}"},"error":{"code":190,"error_subcode":463,"message":"Error validating access token: Session has expired","status":400}}""");
        GraphAssert.Error(await server.GetAsync(Me), 400, 190, 463);
        Assert.Equal(200, (await server.GetAsync($"/v25.0/me?fields=id&access_token={other}")).Status);
        // The token sent in a header is the same caller.
        GraphAssert.Error(await server.GetAsync("/v25.0/me?fields=id", bearer: server.Demo.Token), 400, 190, 463);

        await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/faults", "");
        await server.AddFaultAsync("""{"match":{"app_id":"999999"},"error":{"code":10}}""");
        Assert.Equal(200, (await server.GetAsync(Me)).Status);
        await server.AddFaultAsync($$$"""{"match":{"app_id":{{{server.Demo.AppId}}},"user_id":"{{{server.Demo.AccountId}}}","path":"/v25.0/me"},"error":{"code":10,"message":"(#10) Application does not have permission for this action"}}""");
        GraphAssert.Error(await server.GetAsync($"/v25.0/me?fields=id&access_token={other}"), 400, 10, message: "(#10) Application does not have permission for this action");
        Assert.Equal(200, (await server.GetAsync($"/v25.0/me/media?access_token={other}")).Status);
    }

    [Fact]
    public async Task Rules_apply_to_oauth_endpoints_but_never_to_the_control_api()
    {
        await server.AddFaultAsync("""{"match":{"path":"/oauth/**"},"error":{"code":1,"message":"An unknown error occurred","status":500,"is_transient":true}}""");
        await server.AddFaultAsync("""{"match":{"path":"/_pictograph/**"},"error":{"code":1}}""");
        await server.AddFaultAsync("""{"match":{"path":"/_pictograph"},"drop":true}""");
        var token = await server.PostFormAsync("/oauth/access_token", ("client_id", "1"), ("client_secret", "x"), ("grant_type", "client_credentials"));
        GraphAssert.Error(token, 500, 1, message: "An unknown error occurred");
        Assert.Equal(3, (await server.FaultsAsync()).GetArrayLength());
        Assert.Equal(200, (await server.GetAsync("/_pictograph/clock")).Status);
    }

    [Fact]
    public async Task A_rule_with_mistakes_is_refused_with_every_mistake_listed()
    {
        var refused = await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", """
            {"match":{"path":"v1/me","colour":"red","app_id":"abc"},"error":{"status":200,"code":"x"},"drop":true,"probability":2,"times":0}
            """);
        Assert.Equal(400, refused.Status);
        Assert.StartsWith("application/problem+json", refused.ContentType, StringComparison.Ordinal);
        var errors = refused.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        foreach (var about in new[] { "match.path", "match.colour", "match.app_id", "error.status", "error.code", "both error and drop", "probability", "times" })
        {
            Assert.Contains(errors, e => e.Contains(about, StringComparison.Ordinal));
        }

        // All or nothing: one bad rule in a list adds none.
        var list = await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", """[{"drop":true},{"latency":"soon"}]""");
        Assert.Equal(400, list.Status);
        Assert.Contains("[1].latency", list.Json.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await server.FaultsAsync()).EnumerateArray());
        Assert.Equal(400, (await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", "{}")).Status);

        // Not JSON, or no body at all: problem details that say so.
        var garbled = await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", "{bad");
        Assert.Equal(400, garbled.Status);
        Assert.StartsWith("The body must be JSON", garbled.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var bare = new HttpRequestMessage(HttpMethod.Post, "/_pictograph/faults");
        var empty = await server.SendAsync(bare);
        Assert.Equal(400, empty.Status);
        Assert.StartsWith("application/problem+json", empty.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_are_listed_removed_one_by_one_and_cleared()
    {
        await server.AddFaultAsync("""[{"id":"a","latency":10},{"id":"b","match":{"host":"localhost"},"drop":true,"probability":0.25}]""");
        Assert.Equal(400, (await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", """{"id":"a","drop":true}""")).Status);
        var listed = await server.FaultsAsync();
        Assert.Equal(["a", "b"], listed.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(10, listed[0].GetProperty("latency_ms").GetDouble());
        Assert.Equal(0.25, listed[1].GetProperty("probability").GetDouble());
        Assert.Equal(204, (await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/faults/a", "")).Status);
        Assert.Equal(404, (await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/faults/a", "")).Status);
        var cleared = await server.SendJsonAsync(HttpMethod.Delete, "/_pictograph/faults", "");
        Assert.Equal(1, cleared.Json.GetProperty("deleted").GetInt32());
        Assert.Empty((await server.FaultsAsync()).EnumerateArray());
    }

    [Fact]
    public async Task The_fixture_hook_adds_all_rules_or_none()
    {
        var rules = server.Services.GetRequiredService<FaultRules>();
        using var bad = JsonDocument.Parse("""[{"id":"ok","drop":true},{"error":{}}]""");
        var errors = rules.AddAll(bad.RootElement.EnumerateArray());
        Assert.Equal(["[1].error.code: is required (a Graph error code, e.g. 4, 17, 100, 190)"], errors);
        Assert.Empty(rules.List());
        using var good = JsonDocument.Parse("""[{"id":"ok","drop":true,"times":1}]""");
        Assert.Empty(rules.AddAll(good.RootElement.EnumerateArray()));
        Assert.Equal("ok", Assert.Single(rules.List()).Rule.Id);
    }
}

/// <summary>Rules with a probability draw from a seeded generator, so a run is repeatable.</summary>
public sealed class FaultsProbabilityTests
{
    [Fact]
    public async Task A_seeded_probability_fails_the_same_calls_on_every_run()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:Control:FaultSeed=42");
        var server = own.Server;
        await server.AddFaultAsync("""{"match":{"path":"/v25.0/me"},"probability":0.5,"error":{"code":2,"status":503,"is_transient":true}}""");
        var draws = new Random(42);
        var expected = Enumerable.Range(0, 20).Select(_ => draws.NextDouble() < 0.5 ? 503 : 200).ToList();
        var actual = new List<int>();
        for (var call = 0; call < 20; call++)
        {
            actual.Add((await server.GetAsync($"/v25.0/me?fields=id&access_token={server.Demo.Token}")).Status);
        }

        Assert.Equal(expected, actual);
        Assert.Contains(200, actual);
        Assert.Contains(503, actual);
        Assert.Equal(actual.Count(s => s == 503), (await server.FaultsAsync())[0].GetProperty("hits").GetInt32());
    }

    [Fact]
    public async Task A_host_rule_matches_the_meta_host_the_client_used()
    {
        await using var own = await OwnServer.StartAsync(MetaClient.Arguments);
        var server = own.Server;
        using var meta = server.CreateMetaClient();
        await server.AddFaultAsync("""{"match":{"host":"graph.instagram.com"},"error":{"code":2,"message":"Service temporarily unavailable","status":503,"is_transient":true}}""");
        using var onMeta = await meta.GetAsync($"https://graph.instagram.com/me?fields=id&access_token={server.Demo.Token}");
        Assert.Equal(503, (int)onMeta.StatusCode);
        Assert.Contains("\"is_transient\":true", await onMeta.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (await server.GetAsync($"/me?fields=id&access_token={server.Demo.Token}")).Status);
        var kept = (await server.InspectedAsync()).Where(r => r.GetProperty("host").GetString() == "graph.instagram.com").ToList();
        Assert.Equal(503, Assert.Single(kept).GetProperty("status").GetInt32());
    }
}
