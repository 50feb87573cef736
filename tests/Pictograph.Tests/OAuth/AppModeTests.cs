using Pictograph.Data;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>An app in development mode may be authorized only by people with a role on it; a live app by anyone.</summary>
[Collection(OAuthCollection.Name)]
public sealed class AppModeTests(OAuthServer fixture) : IDisposable
{
    private readonly DialogBrowser _browser = new(fixture.Server);

    private PictographServer Server => fixture.Server;

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Development_mode_refuses_an_instagram_account_without_a_role()
    {
        var outsider = await Server.CreateAccountAsync("no.role.ig");

        var refused = await _browser.SignInAsync(DialogUrl(Server.Demo.AppId, "user_profile"), outsider.Username);

        AssertAppNotActive(refused);
    }

    [Fact]
    public async Task Development_mode_refuses_a_facebook_user_without_a_role()
    {
        var outsider = await Server.CreateFacebookUserAsync("no.role@example.com");

        var refused = await _browser.SignInAsync(DialogUrl(Server.Demo.AppId, "email", path: FacebookPath), outsider.Email);

        AssertAppNotActive(refused);
    }

    [Fact]
    public async Task Development_mode_allows_a_tester()
    {
        var tester = await Server.CreateAccountAsync("a.tester");
        var app = await Server.CreateAppAsync(AppMode.Development, testers: tester.Id);

        var redirect = await _browser.AuthorizeAsync(DialogUrl(app.Id, "user_profile"), tester.Username);

        var token = AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"], app.Id, Server.SecretOf(app)));
        var me = await Server.GetAsync($"/me?fields=username&access_token={token}");
        Assert.Equal("a.tester", me.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Live_mode_is_open_to_anyone()
    {
        var stranger = await Server.CreateAccountAsync("a.stranger");
        var app = await Server.CreateAppAsync(AppMode.Live);

        var redirect = await _browser.AuthorizeAsync(DialogUrl(app.Id, "user_profile"), stranger.Username);

        AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"], app.Id, Server.SecretOf(app)));
    }

    [Fact]
    public async Task Allow_checks_the_role_again()
    {
        var app = await Server.CreateAppAsync(AppMode.Live);
        var consent = await _browser.SignInAsync(DialogUrl(app.Id, "user_profile"), "example_shop");

        await Server.UpdateAppAsync(app.Id, a => a.Mode = AppMode.Development);
        var allowed = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"));

        AssertAppNotActive(allowed);
    }

    [Fact]
    public async Task A_redirect_uri_removed_after_the_page_was_shown_is_not_redirected_to()
    {
        var app = await Server.CreateAppAsync(AppMode.Live);
        var consent = await _browser.SignInAsync(DialogUrl(app.Id, "user_profile"));

        await Server.UpdateAppAsync(app.Id, a => a.RedirectUris = "https://elsewhere.example/cb");
        var allowed = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"));

        Assert.Equal(400, allowed.Status);
        Assert.Null(allowed.Location);
        Assert.Contains("Invalid redirect_uri", allowed.Text, StringComparison.Ordinal);
    }

    private static void AssertAppNotActive(DialogPage page)
    {
        Assert.Equal(403, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("App not active", page.Text, StringComparison.Ordinal);
        Assert.Contains("This app is not currently accessible and the app developer is aware of the issue.", page.Text, StringComparison.Ordinal);
        Assert.False(page.HasForm("/consent"));
        Assert.True(page.HasForm("/sign-out"));
    }
}
