using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>Facebook Login's /dialog/oauth: a Facebook user signs in; the code makes a Facebook user token.</summary>
[Collection(OAuthCollection.Name)]
public sealed class FacebookDialogTests(OAuthServer fixture) : IDisposable
{
    private readonly DialogBrowser _browser = new(fixture.Server);

    private PictographServer Server => fixture.Server;

    private long AppId => Server.Demo.AppId;

    public void Dispose() => _browser.Dispose();

    [Theory]
    [InlineData(FacebookPath)]
    [InlineData("/v25.0/dialog/oauth")]
    public async Task Facebook_login_end_to_end_gives_a_facebook_user_token(string path)
    {
        var url = DialogUrl(AppId, "instagram_basic,pages_show_list", state: "fbstate", path: path, responseType: null)
            + "&display=page&auth_type=rerequest&extras=" + Uri.EscapeDataString("""{"setup":{"channel":"IG_API_ONBOARDING"}}""");
        var consent = await _browser.SignInAsync(url, DemoWorld.DeveloperEmail);
        Assert.Contains("Dev Eloper", consent.Text, StringComparison.Ordinal);
        foreach (var scope in new[] { "instagram_basic", "pages_show_list", "public_profile" })
        {
            Assert.Contains(Auth.Permissions.All[scope].Description, consent.Text, StringComparison.Ordinal);
        }

        var redirect = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"));
        Assert.StartsWith(DemoWorld.DemoRedirectUri + "?code=", redirect.Location, StringComparison.Ordinal);
        Assert.EndsWith("&state=fbstate#_=_", redirect.Location, StringComparison.Ordinal);

        // The way Facebook SDKs exchange it: GET on the versioned path.
        var query = $"client_id={AppId}&client_secret={Server.Demo.AppSecret}&redirect_uri={Uri.EscapeDataString(DemoWorld.DemoRedirectUri)}&code={redirect.LocationQuery["code"]}";
        var exchanged = await Server.GetAsync($"/v25.0/oauth/access_token?{query}");
        var token = AccessToken(exchanged);
        Assert.StartsWith("EAA", token, StringComparison.Ordinal);
        Assert.Equal("bearer", exchanged.Json.GetProperty("token_type").GetString());
        Assert.InRange(exchanged.Json.GetProperty("expires_in").GetInt64(), 3000, 3600);

        var data = await Server.DebugTokenAsync(token);
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Equal("USER", data.GetProperty("type").GetString());
        Assert.Equal(DemoData.Id(Server.Developer().Id), data.GetProperty("user_id").GetString());
        Assert.Equal(["instagram_basic", "pages_show_list", "public_profile"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Without_a_scope_only_public_profile_is_granted()
    {
        var redirect = await _browser.AuthorizeAsync(DialogUrl(AppId, null, path: FacebookPath), DemoWorld.DeveloperEmail);

        var data = await Server.DebugTokenAsync(AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"])));
        Assert.Equal(["public_profile"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Deny_goes_back_with_facebooks_error_parameters()
    {
        var consent = await _browser.SignInAsync(DialogUrl(AppId, "email", state: "st", path: FacebookPath), DemoWorld.DeveloperEmail);

        var denied = await _browser.SubmitAsync(consent, "/consent", ("decision", "deny"));

        Assert.Equal(302, denied.Status);
        Assert.Equal(
            "http://localhost:3000/auth/callback?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=st",
            denied.Location);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_page_again()
    {
        var signIn = await _browser.GetAsync(DialogUrl(AppId, "email", path: FacebookPath));
        Assert.Contains("Email", signIn.Text, StringComparison.Ordinal);

        var wrong = await _browser.SubmitAsync(signIn, "/sign-in", ("email", DemoWorld.DeveloperEmail), ("password", "nope"));

        Assert.Equal(200, wrong.Status);
        Assert.Contains("The email or password you entered is incorrect.", wrong.Text, StringComparison.Ordinal);
        Assert.True(wrong.HasForm("/sign-in"));
    }

    [Fact]
    public async Task Instagram_and_facebook_sign_ins_are_separate()
    {
        await _browser.SignInAsync(DialogUrl(AppId, "user_profile"));

        var facebook = await _browser.GetAsync(DialogUrl(AppId, "email", path: FacebookPath));

        Assert.True(facebook.HasForm("/sign-in"), "an Instagram account is not a Facebook user");
    }
}
