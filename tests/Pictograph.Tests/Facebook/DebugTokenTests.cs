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
        var other = new App { Id = s.Demo.AppId + 100, Name = "Another App", Secret = "another-secret", CreatedAt = 1 };
        await s.WriteAsync(db =>
        {
            db.Apps.Add(other);
            return Task.CompletedTask;
        });
        var token = await s.DeveloperTokenAsync(Scopes);

        var response = await s.GetAsync($"/debug_token?input_token={token}&access_token={other.Id}|{other.Secret}");

        GraphAssert.Error(response, 400, 100);
        Assert.Contains("did not match", response.ErrorMessage, StringComparison.Ordinal);
    }
}
