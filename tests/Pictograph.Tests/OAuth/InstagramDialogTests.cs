using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>Instagram's /oauth/authorize from the first GET to a working token: Basic Display and Instagram Login.</summary>
[Collection(OAuthCollection.Name)]
public sealed class InstagramDialogTests(OAuthServer fixture) : IDisposable
{
    private readonly DialogBrowser _browser = new(fixture.Server);

    private PictographServer Server => fixture.Server;

    private long AppId => Server.Demo.AppId;

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Basic_display_end_to_end_reaches_me()
    {
        var consent = await _browser.SignInAsync(DialogUrl(AppId, "user_profile,user_media", state: "abc123"));
        Assert.Equal(200, consent.Status);
        Assert.Contains("Pictograph Demo", consent.Text, StringComparison.Ordinal);
        Assert.Contains("jane.doe", consent.Text, StringComparison.Ordinal);
        Assert.Contains(Auth.Permissions.All["user_profile"].Description, consent.Text, StringComparison.Ordinal);
        Assert.Contains(Auth.Permissions.All["user_media"].Description, consent.Text, StringComparison.Ordinal);

        var redirect = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"));
        Assert.Equal(302, redirect.Status);
        Assert.StartsWith(DemoWorld.DemoRedirectUri + "?code=", redirect.Location, StringComparison.Ordinal);
        Assert.EndsWith("&state=abc123#_", redirect.Location, StringComparison.Ordinal);
        Assert.Equal(["code", "state"], redirect.LocationQuery.Keys);

        var exchanged = await Server.ExchangeCodeAsync(redirect.LocationQuery["code"]);
        var token = AccessToken(exchanged);
        Assert.StartsWith("IGQVJ", token, StringComparison.Ordinal);
        Assert.Equal(Server.Demo.AccountId, exchanged.Json.GetProperty("user_id").GetInt64());

        var me = await Server.GetAsync($"/me?fields=id,username&access_token={token}");
        Assert.True(me.Status == 200, me.Body);
        Assert.Equal(DemoData.Id(Server.Demo.AccountId), me.Json.GetProperty("id").GetString());
        Assert.Equal("jane.doe", me.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Instagram_login_end_to_end_gives_an_instagram_login_token()
    {
        var shop = Server.Account("example_shop");
        var redirect = await _browser.AuthorizeAsync(DialogUrl(AppId, "instagram_business_basic,instagram_business_content_publish"), "example_shop");

        var token = AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"]));
        Assert.StartsWith("IGAA", token, StringComparison.Ordinal);
        var data = await Server.DebugTokenAsync(token);
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Equal("USER", data.GetProperty("type").GetString());
        Assert.Equal(DemoData.Id(shop.Id), data.GetProperty("user_id").GetString());
        Assert.Equal(["instagram_business_basic", "instagram_business_content_publish"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Instagram_login_refuses_a_personal_account_with_a_clear_page()
    {
        var refused = await _browser.SignInAsync(DialogUrl(AppId, "instagram_business_basic"), "jane.doe");

        Assert.Equal(403, refused.Status);
        Assert.Contains("Professional account required", refused.Text, StringComparison.Ordinal);
        Assert.Contains("jane.doe is a personal account", refused.Text, StringComparison.Ordinal);
        Assert.False(refused.HasForm("/consent"));
        Assert.True(refused.HasForm("/sign-out"), "a personal account can switch to another one");
    }

    [Theory]
    [InlineData("/oauth/authorize/")]
    [InlineData("/oauth/authorize")]
    public async Task Both_paths_serve_the_dialog(string path)
    {
        var redirect = await _browser.AuthorizeAsync(DialogUrl(AppId, "user_profile", path: path));

        Assert.Equal(302, redirect.Status);
        Assert.NotEmpty(redirect.LocationQuery["code"]);
    }

    [Theory]
    [InlineData("user_profile,user_media")]
    [InlineData("user_profile%20user_media")]
    [InlineData("user_profile+user_media")]
    [InlineData("user_profile%2Buser_media")]
    [InlineData("user_profile%2C%20user_media")]
    public async Task Scopes_separated_by_commas_spaces_or_plus_signs(string scope)
    {
        var url = $"/oauth/authorize?client_id={AppId}&redirect_uri={Uri.EscapeDataString(DemoWorld.DemoRedirectUri)}&scope={scope}&response_type=code";

        var redirect = await _browser.AuthorizeAsync(url);

        var token = AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"]));
        var data = await Server.DebugTokenAsync(token);
        Assert.Equal(["user_media", "user_profile"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task App_id_and_unknown_parameters_are_accepted()
    {
        var url = $"/oauth/authorize?app_id={AppId}&redirect_uri={Uri.EscapeDataString(DemoWorld.DemoRedirectUri)}&scope=user_profile&response_type=code&force_reauth=true&enable_fb_login=0&hl=en";

        var redirect = await _browser.AuthorizeAsync(url);

        Assert.NotEmpty(redirect.LocationQuery["code"]);
    }

    [Theory]
    [InlineData("a b&c=d/é?#")]
    [InlineData("eyJyZXR1cm4iOiIvaG9tZSJ9")]
    public async Task State_comes_back_unchanged_before_the_fragment(string state)
    {
        var redirect = await _browser.AuthorizeAsync(DialogUrl(AppId, "user_profile", state: state));

        Assert.Equal(state, redirect.LocationQuery["state"]);
        Assert.EndsWith("#_", redirect.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("#_", redirect.LocationQuery["code"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_state_the_redirect_has_only_the_code()
    {
        var redirect = await _browser.AuthorizeAsync(DialogUrl(AppId, "user_profile", state: null));

        Assert.Equal(["code"], redirect.LocationQuery.Keys);
        Assert.Matches("^http://localhost:3000/auth/callback\\?code=AQ[A-Za-z0-9_-]{43}#_$", redirect.Location);
    }

    [Fact]
    public async Task The_redirect_keeps_the_query_of_the_registered_uri()
    {
        const string redirectUri = "https://app.example/cb?tenant=7&lang=en";
        var app = await Server.CreateAppAsync(AppMode.Live, redirectUri);

        var redirect = await _browser.AuthorizeAsync(DialogUrl(app.Id, "user_profile", state: "x", redirectUri: redirectUri));

        Assert.StartsWith("https://app.example/cb?tenant=7&lang=en&code=", redirect.Location, StringComparison.Ordinal);
        Assert.Equal(["tenant", "lang", "code", "state"], redirect.LocationQuery.Keys);
        AccessToken(await Server.ExchangeCodeAsync(redirect.LocationQuery["code"], app.Id, Server.SecretOf(app), redirectUri));
    }

    [Fact]
    public async Task Deny_goes_back_with_access_denied_and_state()
    {
        var consent = await _browser.SignInAsync(DialogUrl(AppId, "user_profile", state: "keep me"));

        var denied = await _browser.SubmitAsync(consent, "/consent", ("decision", "deny"));

        Assert.Equal(302, denied.Status);
        Assert.Equal(
            "http://localhost:3000/auth/callback?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request&state=keep+me",
            denied.Location);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_page_again_without_saying_which_half_was_wrong()
    {
        var signIn = await _browser.GetAsync(DialogUrl(AppId, "user_profile"));

        var wrongPassword = await _browser.SubmitAsync(signIn, "/sign-in", ("username", "jane.doe"), ("password", "not-it"));
        var unknownUser = await _browser.SubmitAsync(signIn, "/sign-in", ("username", "nobody.here"), ("password", DemoWorld.DemoPassword));

        foreach (var page in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(200, page.Status);
            Assert.Contains("Sorry, your username or password was incorrect.", page.Text, StringComparison.Ordinal);
            Assert.True(page.HasForm("/sign-in"));
            Assert.Null(page.Location);
        }

        Assert.Contains("value=\"jane.doe\"", wrongPassword.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", wrongPassword.Html, StringComparison.Ordinal);

        // The page shown again works: the right password now signs in.
        var consent = await _browser.FollowAsync(await _browser.SubmitAsync(wrongPassword, "/sign-in", ("username", "jane.doe"), ("password", DemoWorld.DemoPassword)));
        Assert.True(consent.HasForm("/consent"), consent.Text);
    }

    [Theory]
    [InlineData("Jane.Doe")]
    [InlineData("@jane.doe")]
    [InlineData(" jane.doe ")]
    public async Task Usernames_sign_in_in_any_case_and_with_an_at_sign(string username)
    {
        var consent = await _browser.SignInAsync(DialogUrl(AppId, "user_profile"), username);

        Assert.True(consent.HasForm("/consent"), consent.Text);
    }

    [Fact]
    public async Task A_signed_in_person_goes_straight_to_consent_and_can_switch_account()
    {
        await _browser.SignInAsync(DialogUrl(AppId, "user_profile"));
        var again = await _browser.GetAsync(DialogUrl(AppId, "user_profile,user_media"));
        Assert.True(again.HasForm("/consent"), again.Text);
        Assert.Contains("Not jane.doe?", again.Text, StringComparison.Ordinal);

        var signedOut = await _browser.SubmitAsync(again, "/sign-out");
        var signIn = await _browser.FollowAsync(signedOut);
        Assert.True(signIn.HasForm("/sign-in"), signIn.Text);

        var consent = await _browser.FollowAsync(await _browser.SubmitAsync(signIn, "/sign-in", ("username", "studio.creator"), ("password", DemoWorld.DemoPassword)));
        Assert.Contains("logged in as studio.creator", consent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only()
    {
        var signIn = await _browser.GetAsync(DialogUrl(AppId, "user_profile"));
        var signedIn = await _browser.SubmitAsync(signIn, "/sign-in", ("username", "jane.doe"), ("password", DemoWorld.DemoPassword));

        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pictograph_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.All(_browser.Cookies.GetAllCookies(), cookie => Assert.True(cookie.HttpOnly, cookie.Name));
    }

    [Fact]
    public async Task Dynamic_text_on_the_pages_is_html_encoded()
    {
        var app = await Server.CreateAppAsync(AppMode.Live, name: "<script>alert(1)</script> & Co");
        var url = DialogUrl(app.Id, "user_profile");

        var signIn = await _browser.GetAsync(url);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", signIn.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", signIn.Html, StringComparison.Ordinal);

        var wrong = await _browser.SubmitAsync(signIn, "/sign-in", ("username", "\"><img src=x onerror=alert(1)>"), ("password", "x"));
        Assert.DoesNotContain("<img", wrong.Html, StringComparison.Ordinal);

        var consent = await _browser.SignInAsync(url);
        Assert.Contains("Allow &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co to access", consent.Html, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", consent.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
