using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>What a code from the dialog is good for at /oauth/access_token: once, for its app, with its redirect_uri.</summary>
[Collection(OAuthCollection.Name)]
public sealed class CodeExchangeTests(OAuthServer fixture) : IDisposable
{
    private readonly DialogBrowser _browser = new(fixture.Server);

    private PictographServer Server => fixture.Server;

    public void Dispose() => _browser.Dispose();

    private async Task<string> CodeAsync(long? appId = null, string redirectUri = DemoWorld.DemoRedirectUri) =>
        (await _browser.AuthorizeAsync(DialogUrl(appId ?? Server.Demo.AppId, "user_profile,user_media", redirectUri: redirectUri))).LocationQuery["code"];

    [Fact]
    public async Task A_code_is_single_use_and_a_replay_revokes_the_first_token()
    {
        var code = await CodeAsync();
        var token = AccessToken(await Server.ExchangeCodeAsync(code));
        Assert.Equal(200, (await Server.GetAsync($"/me?access_token={token}")).Status);

        var replay = await Server.ExchangeCodeAsync(code);

        Assert.Equal("This authorization code has been used.", InstagramError(replay));
        GraphAssert.Error(await Server.GetAsync($"/me?access_token={token}"), 400, 190, 467);
    }

    [Fact]
    public async Task A_replay_revokes_the_long_lived_token_exchanged_from_the_first_one_too()
    {
        var code = await CodeAsync();
        var shortLived = AccessToken(await Server.ExchangeCodeAsync(code));
        var longLived = AccessToken(await Server.GetAsync($"/access_token?grant_type=ig_exchange_token&client_secret={Server.Demo.AppSecret}&access_token={shortLived}"));
        using var otherBrowser = new DialogBrowser(Server);
        var otherCode = (await otherBrowser.AuthorizeAsync(DialogUrl(Server.Demo.AppId, "user_profile"))).LocationQuery["code"];
        var unrelated = AccessToken(await Server.ExchangeCodeAsync(otherCode));
        Assert.Equal(200, (await Server.GetAsync($"/me?access_token={longLived}")).Status);

        await Server.ExchangeCodeAsync(code);

        GraphAssert.Error(await Server.GetAsync($"/me?access_token={shortLived}"), 400, 190, 467);
        GraphAssert.Error(await Server.GetAsync($"/me?access_token={longLived}"), 400, 190, 467);
        Assert.Equal(200, (await Server.GetAsync($"/me?access_token={unrelated}")).Status);
    }

    [Fact]
    public async Task A_replayed_facebook_code_revokes_the_page_tokens_derived_from_its_token()
    {
        var code = (await _browser.AuthorizeAsync(DialogUrl(Server.Demo.AppId, "pages_show_list,instagram_basic", path: FacebookPath), DemoWorld.DeveloperEmail)).LocationQuery["code"];
        var exchange = $"/v25.0/oauth/access_token?client_id={Id(Server.Demo.AppId)}&client_secret={Server.Demo.AppSecret}&redirect_uri={Uri.EscapeDataString(DemoWorld.DemoRedirectUri)}&code={Uri.EscapeDataString(code)}";
        var userToken = AccessToken(await Server.GetAsync(exchange));
        var longLived = AccessToken(await Server.GetAsync($"/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id={Id(Server.Demo.AppId)}&client_secret={Server.Demo.AppSecret}&fb_exchange_token={userToken}"));
        var accounts = await Server.GetAsync($"/me/accounts?fields=id,access_token&limit=1&access_token={longLived}");
        var pageToken = accounts.Json.GetProperty("data")[0].GetProperty("access_token").GetString();
        Assert.Equal(200, (await Server.GetAsync($"/me?access_token={pageToken}")).Status);

        await Server.GetAsync(exchange);

        foreach (var token in new[] { userToken, longLived, pageToken })
        {
            GraphAssert.Error(await Server.GetAsync($"/me?access_token={token}"), 400, 190, 467);
        }
    }

    [Fact]
    public async Task A_code_is_bound_to_its_redirect_uri()
    {
        var code = await CodeAsync();

        var other = await Server.ExchangeCodeAsync(code, Server.Demo.AppId, Server.Demo.AppSecret, "http://localhost:3000/auth/other");

        Assert.StartsWith("Error validating verification code.", InstagramError(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_bound_to_its_app()
    {
        var code = await CodeAsync();
        var otherApp = await Server.CreateAppAsync(AppMode.Live);

        var stolen = await Server.ExchangeCodeAsync(code, otherApp.Id, Server.SecretOf(otherApp));

        Assert.Equal("Matching code was not found or was already used", InstagramError(stolen));
        AccessToken(await Server.ExchangeCodeAsync(code));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var code = await CodeAsync();

        var wrong = await Server.ExchangeCodeAsync(code, Server.Demo.AppId, new string('0', 32));

        Assert.Equal("Error validating client secret.", InstagramError(wrong));
        AccessToken(await Server.ExchangeCodeAsync(code));
    }

    [Fact]
    public async Task Unknown_codes_and_missing_fields_answer_in_instagrams_error_shape()
    {
        Assert.Equal("Matching code was not found or was already used", InstagramError(await Server.ExchangeCodeAsync("AQnot-a-real-code")));

        var missing = await Server.PostFormAsync("/oauth/access_token", new() { ["client_id"] = Id(Server.Demo.AppId), ["grant_type"] = "authorization_code" });
        Assert.Equal("Missing required field client_secret", InstagramError(missing));
    }

    [Fact]
    public async Task A_code_sent_with_its_fragment_still_works()
    {
        var code = await CodeAsync();

        AccessToken(await Server.ExchangeCodeAsync(code + "#_"));
    }
}
