using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Facebook;

/// <summary><c>/debug_token</c> for the three kinds of Facebook token, asked by the app itself.</summary>
[Collection(ServerCollection.Name)]
public sealed class DebugTokenTests(PictographServer server)
{
    private const string Scopes = "pages_show_list,instagram_basic";

    private string AppToken => TokenText.AppToken(server.Demo.AppId, server.Demo.AppSecret);

    private async Task<JsonElement> DebugAsync(string input, string caller)
    {
        var response = await server.GetAsync($"/v25.0/debug_token?input_token={Uri.EscapeDataString(input)}&access_token={Uri.EscapeDataString(caller)}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json.GetProperty("data");
    }

    private static Dictionary<string, List<string?>?> TargetsOf(JsonElement data) =>
        data.GetProperty("granular_scopes").EnumerateArray().ToDictionary(
            g => g.GetProperty("scope").GetString()!,
            g => g.TryGetProperty("target_ids", out var ids) ? ids.EnumerateArray().Select(i => i.GetString()).ToList() : null);

    private static List<string?> ScopesOf(JsonElement data) => [.. data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())];

    [Fact]
    public async Task A_user_token_is_type_user()
    {
        var token = await server.DeveloperTokenAsync(Scopes);

        var data = await DebugAsync(token, AppToken);

        Assert.Equal("USER", data.GetProperty("type").GetString());
        Assert.Equal(DemoData.Id(server.Demo.AppId), data.GetProperty("app_id").GetString());
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Equal(["instagram_basic", "pages_show_list"], ScopesOf(data));
        Assert.Equal(DemoData.Id(server.Developer().Id), data.GetProperty("user_id").GetString());
        Assert.False(data.TryGetProperty("profile_id", out _));
        var pages = server.DeveloperPages();
        var targets = TargetsOf(data);
        Assert.Equal(pages.Select(p => (string?)DemoData.Id(p.Id)), targets["pages_show_list"]);
        Assert.Equal(pages.Select(p => (string?)DemoData.Id(p.InstagramAccountId!.Value)), targets["instagram_basic"]);
    }

    [Fact]
    public async Task Permissions_about_no_one_asset_carry_no_target_ids()
    {
        var token = await server.DeveloperTokenAsync("public_profile,pages_show_list");

        var targets = TargetsOf(await DebugAsync(token, AppToken));

        Assert.Null(targets["public_profile"]);
        Assert.NotNull(targets["pages_show_list"]);
    }

    [Fact]
    public async Task A_page_token_is_type_page_with_the_page_as_profile()
    {
        var userToken = await server.DeveloperTokenAsync(Scopes);
        var listing = await server.GetAsync($"/me/accounts?fields=id,access_token&limit=1&access_token={userToken}");
        var item = listing.Json.GetProperty("data")[0];

        // A user token of the same app may ask too.
        var data = await DebugAsync(item.GetProperty("access_token").GetString()!, userToken);

        Assert.Equal("PAGE", data.GetProperty("type").GetString());
        Assert.Equal(item.GetProperty("id").GetString(), data.GetProperty("profile_id").GetString());
        Assert.Equal(DemoData.Id(server.Developer().Id), data.GetProperty("user_id").GetString());
        Assert.Equal(0, data.GetProperty("expires_at").GetInt64());
        Assert.Equal(["instagram_basic", "pages_show_list"], ScopesOf(data));
        // A Page token is granted on its own Page alone.
        Assert.Equal([item.GetProperty("id").GetString()], TargetsOf(data)["pages_show_list"]);
    }

    [Fact]
    public async Task A_testers_token_may_not_read_other_peoples_tokens()
    {
        var developers = await server.DeveloperTokenAsync(Scopes);

        foreach (var input in new[] { developers, server.Demo.Token })
        {
            var refused = await server.GetAsync($"/debug_token?input_token={Uri.EscapeDataString(input)}&access_token={server.Demo.Token}");

            var error = GraphAssert.Error(refused, 400, 100);
            Assert.Equal("(#100) You must provide an app access token, or a user access token that is an owner or developer of the app", error.GetProperty("message").GetString());
            Assert.DoesNotContain(DemoData.Id(server.Developer().Id), refused.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_developer_of_the_app_may_read_its_tokens_and_loses_that_with_the_role()
    {
        await using var own = await OwnServer.StartAsync();
        var s = own.Server;
        var person = s.Account("example_shop").Id;
        var caller = await s.IssueTokenAsync(person, TokenFlavour.InstagramLogin, "instagram_business_basic");
        await s.WriteAsync(async db =>
            await db.AppRoles.Where(r => r.AppId == s.Demo.AppId && r.PersonId == person).ExecuteUpdateAsync(u => u.SetProperty(r => r.Role, AppRoleKind.Developer)));
        var path = $"/debug_token?input_token={Uri.EscapeDataString(s.Demo.Token)}&access_token={Uri.EscapeDataString(caller)}";

        var allowed = await s.GetAsync(path);
        await s.WriteAsync(async db =>
            await db.AppRoles.Where(r => r.AppId == s.Demo.AppId && r.PersonId == person).ExecuteUpdateAsync(u => u.SetProperty(r => r.Role, AppRoleKind.Tester)));
        var refused = await s.GetAsync(path);

        Assert.True(allowed.Status == 200, allowed.Body);
        Assert.Equal(DemoData.Id(s.Demo.AccountId), allowed.Json.GetProperty("data").GetProperty("user_id").GetString());
        GraphAssert.Error(refused, 400, 100);
    }

    [Fact]
    public async Task An_app_token_is_type_app()
    {
        var data = await DebugAsync(AppToken, AppToken);

        Assert.Equal("APP", data.GetProperty("type").GetString());
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Empty(ScopesOf(data));
        Assert.False(data.TryGetProperty("user_id", out _));
    }

    [Fact]
    public async Task An_app_token_with_a_wrong_secret_is_refused()
    {
        var token = await server.DeveloperTokenAsync(Scopes);

        var response = await server.GetAsync($"/debug_token?input_token={token}&access_token={server.Demo.AppId}|not-the-secret");

        GraphAssert.Error(response, 400, 190);
    }

    [Fact]
    public async Task An_app_token_is_no_caller_for_the_graph_nodes()
    {
        var page = server.PageOf("example_shop");

        GraphAssert.Error(await server.GetAsync($"/{page.Id}?access_token={Uri.EscapeDataString(AppToken)}"), 400, 100, 33);
        // No user behind the token: the answer of /me without one.
        GraphAssert.Error(await server.GetAsync($"/me?access_token={Uri.EscapeDataString(AppToken)}"), 400, 2500, message: "An active access token must be used to query information about the current user.");
    }

    [Fact]
    public async Task The_app_token_of_another_app_is_refused()
    {
        await using var own = await OwnServer.StartAsync();
        var s = own.Server;
        var other = new App { Id = s.Demo.AppId + 100, Name = "Another App", StoredSecret = s.Protected("another-secret"), CreatedAt = 1 };
        await s.WriteAsync(db =>
        {
            db.Apps.Add(other);
            return Task.CompletedTask;
        });
        var token = await s.DeveloperTokenAsync(Scopes);

        var response = await s.GetAsync($"/debug_token?input_token={token}&access_token={other.Id}|another-secret");

        GraphAssert.Error(response, 400, 100);
        Assert.Contains("did not match", response.ErrorMessage, StringComparison.Ordinal);
    }
}
