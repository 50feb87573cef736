using System.Text.Json;
using Microsoft.Extensions.Options;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.Wire;

/// <summary>
/// API versions from configuration (Meta's table by default): an expired version is answered by the next one
/// still available, named by <c>facebook-api-version</c> and the paging links; anything else in the version's
/// place is a node followed by an unknown path. The fixture's clock is 2026-06-01, when v19.0 has expired
/// (2026-05-21) and v26.0 is not out yet (2026-07-29).
/// </summary>
public sealed class ApiVersionTests(PictographServer server) : IClassFixture<PictographServer>
{
    private string Token => server.Demo.Token;

    private static string Served(GraphResponse response) => Assert.Single(response.Headers.GetValues("facebook-api-version"));

    private string Next(GraphResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        return response.Json.GetProperty("paging").GetProperty("next").GetString()!;
    }

    private string Origin => server.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Unversioned_paths_answer_as_the_default_version()
    {
        var response = await server.GetAsync($"/me/media?limit=1&access_token={Token}");

        Assert.Equal("v25.0", Served(response));
        Assert.StartsWith($"{Origin}/v25.0/{DemoData.Id(server.Demo.AccountId)}/media?", Next(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v19.0", "v20.0")]
    [InlineData("v17.0", "v20.0")]
    [InlineData("v20.0", "v20.0")]
    [InlineData("v24.0", "v24.0")]
    public async Task An_expired_version_is_served_by_the_next_one_still_available(string asked, string served)
    {
        var response = await server.GetAsync($"/{asked}/me/media?limit=1&access_token={Token}");

        Assert.Equal(served, Served(response));
        Assert.StartsWith($"{Origin}/{served}/{DemoData.Id(server.Demo.AccountId)}/media?", Next(response), StringComparison.Ordinal);
        var error = await server.GetAsync($"/{asked}/me/nosuchedge?access_token={Token}");
        Assert.Equal(served, Served(error));
    }

    [Theory]
    [InlineData("/v99.0/me", "/me")]
    [InlineData("/v26.0/me", "/me")]
    [InlineData("/v2.80/me/feed", "/me/feed")]
    [InlineData("/2.11/me", "/me")]
    [InlineData("/v3/me/media", "/me/media")]
    [InlineData("/2.7//me", "/me")]
    public async Task Anything_else_in_the_version_place_is_a_node_followed_by_an_unknown_path(string path, string rest)
    {
        var withToken = await server.GetAsync($"{path}?access_token={Token}");
        var without = await server.GetAsync(path);

        var error = GraphAssert.Error(withToken, 400, 2500, message: $"Unknown path components: {rest}");
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        GraphAssert.Error(without, 400, 2500, message: $"Unknown path components: {rest}");
    }

    [Fact]
    public async Task An_unknown_version_alone_is_an_unknown_alias()
    {
        var response = await server.GetAsync($"/v99.0?access_token={Token}");

        GraphAssert.Error(response, 400, 803, message: "(#803) Some of the aliases you requested do not exist: v99.0");
    }

    [Fact]
    public async Task Versioned_token_endpoints_and_dialogs_follow_the_same_rule()
    {
        var credentials = $"grant_type=client_credentials&client_id={Id(server.Demo.AppId)}&client_secret={server.Demo.AppSecret}";
        var appToken = Uri.EscapeDataString($"{Id(server.Demo.AppId)}|{server.Demo.AppSecret}");

        var expired = await server.GetAsync($"/v19.0/oauth/access_token?{credentials}");
        var unknown = await server.GetAsync($"/v99.0/oauth/access_token?{credentials}");
        var debug = await server.GetAsync($"/v18.0/debug_token?input_token={Token}&access_token={appToken}");
        var unknownDebug = await server.GetAsync($"/v99.0/debug_token?input_token={Token}&access_token={appToken}");
        var dialog = await server.GetAsync(DialogUrl(server.Demo.AppId, "instagram_basic", path: "/v19.0/dialog/oauth"));
        var unknownDialog = await server.GetAsync(DialogUrl(server.Demo.AppId, "instagram_basic", path: "/v99.0/dialog/oauth"));

        Assert.True(expired.Status == 200, expired.Body);
        Assert.Equal("v20.0", Served(expired));
        GraphAssert.Error(unknown, 400, 2500, message: "Unknown path components: /oauth/access_token");
        Assert.True(debug.Status == 200, debug.Body);
        Assert.Equal("v20.0", Served(debug));
        GraphAssert.Error(unknownDebug, 400, 2500, message: "Unknown path components: /debug_token");
        Assert.Equal(200, dialog.Status);
        Assert.StartsWith("text/html", dialog.ContentType, StringComparison.Ordinal);
        GraphAssert.Error(unknownDialog, 400, 2500, message: "Unknown path components: /dialog/oauth");
    }

    [Fact]
    public async Task A_batch_operation_is_answered_at_its_version()
    {
        var batch = JsonSerializer.Serialize(new object[]
        {
            new { method = "GET", relative_url = "v19.0/me/media?limit=1" },
            new { method = "GET", relative_url = "v99.0/me" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["batch"] = batch, ["access_token"] = Token }),
        };

        var response = await server.SendAsync(request);

        Assert.True(response.Status == 200, response.Body);
        var items = response.Json.EnumerateArray().ToList();
        using var first = JsonDocument.Parse(items[0].GetProperty("body").GetString()!);
        using var second = JsonDocument.Parse(items[1].GetProperty("body").GetString()!);
        Assert.StartsWith($"{Origin}/v20.0/{DemoData.Id(server.Demo.AccountId)}/media?", first.RootElement.GetProperty("paging").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, items[1].GetProperty("code").GetInt32());
        Assert.Equal(2500, second.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Unknown path components: /me", second.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Versions_come_out_and_expire_with_the_server_clock()
    {
        await using var own = await OwnServer.StartAsync();
        var late = own.Server;
        late.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 24, 0, 0, 0, TimeSpan.Zero));
        var token = await late.IssueTokenAsync(Seed.DemoWorld.PersonalUsername);

        var v20 = await late.GetAsync($"/v20.0/me?access_token={token}");
        var v26 = await late.GetAsync($"/v26.0/me?access_token={token}");

        Assert.Equal("v21.0", Served(v20));
        Assert.True(v26.Status == 200, v26.Body);
        Assert.Equal("v26.0", Served(v26));

        // Past every dated version (v25.0 until 2028-07-29), v26.0 (no end yet) answers all of them and the default.
        late.Clock.SetUtcNow(new DateTimeOffset(2028, 8, 1, 0, 0, 0, TimeSpan.Zero));
        token = await late.IssueTokenAsync(Seed.DemoWorld.PersonalUsername);
        Assert.Equal("v26.0", Served(await late.GetAsync($"/v17.0/me?access_token={token}")));
        Assert.Equal("v26.0", Served(await late.GetAsync($"/me?access_token={token}")));
    }

    [Fact]
    public async Task The_table_and_the_default_are_settings()
    {
        await using var own = await OwnServer.StartAsync(
            "--Pictograph:ApiVersions:v19.0:AvailableUntil=2027-01-01",
            "--Pictograph:ApiVersions:v30.0:Released=2026-05-01",
            "--Pictograph:DefaultApiVersion=v24.0");
        var configured = own.Server;
        var token = configured.Demo.Token;

        Assert.Equal("v19.0", Served(await configured.GetAsync($"/v19.0/me?access_token={token}")));
        Assert.Equal("v30.0", Served(await configured.GetAsync($"/v30.0/me?access_token={token}")));
        Assert.Equal("v24.0", Served(await configured.GetAsync($"/me?access_token={token}")));
        Assert.StartsWith($"{configured.BaseAddress.GetLeftPart(UriPartial.Authority)}/v24.0/", Next(await configured.GetAsync($"/me/media?limit=1&access_token={token}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_answers_even_before_its_release_day()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:DefaultApiVersion=v26.0");
        var token = own.Server.Demo.Token;

        var unversioned = await own.Server.GetAsync($"/me?access_token={token}");
        var versioned = await own.Server.GetAsync($"/v26.0/me?access_token={token}");

        Assert.Equal("v26.0", Served(unversioned));
        Assert.True(versioned.Status == 200, versioned.Body);
        Assert.Equal("v26.0", Served(versioned));
    }

    [Theory]
    [InlineData("--Pictograph:DefaultApiVersion=v99.0", "DefaultApiVersion \"v99.0\" is not one of ApiVersions")]
    [InlineData("--Pictograph:ApiVersions:v2.x:Released=2026-01-01", "ApiVersions: \"v2.x\" is not a version name like v25.0")]
    [InlineData("--Pictograph:ApiVersions:v30.0:AvailableUntil=2030-01-01", "ApiVersions:v30.0:Released is required")]
    [InlineData("--Pictograph:ApiVersions:v25.0:AvailableUntil=2025-01-01", "ApiVersions:v25.0:AvailableUntil must be after its release")]
    public async Task A_bad_version_table_stops_the_server_at_start(string setting, string problem)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var own = await OwnServer.StartAsync(setting);
        });

        Assert.Contains(problem, failure.Failures);
    }
}
