using Pictograph.Seed;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>
/// Bad requests to the dialogs: until the app and its redirect_uri are known, an error page and never a
/// redirect; after that, the error goes back to the app with its state.
/// </summary>
[Collection(OAuthCollection.Name)]
public sealed class DialogRequestErrorTests(OAuthServer fixture) : IDisposable
{
    private const string Callback = DemoWorld.DemoRedirectUri;
    private readonly DialogBrowser _browser = new(fixture.Server);

    private long AppId => fixture.Server.Demo.AppId;

    public void Dispose() => _browser.Dispose();

    [Theory]
    [InlineData(InstagramPath, "Invalid platform app")]
    [InlineData(FacebookPath, "Invalid App ID")]
    public async Task An_unknown_client_id_is_an_error_page(string path, string title)
    {
        foreach (var query in new[]
                 {
                     "client_id=999999999&redirect_uri=" + Uri.EscapeDataString(Callback),
                     "client_id=abc&redirect_uri=" + Uri.EscapeDataString(Callback),
                     "redirect_uri=" + Uri.EscapeDataString(Callback),
                     "client_id=999999999&redirect_uri=" + Uri.EscapeDataString(Callback) + "&scope=nonsense&response_type=token",
                 })
        {
            var page = await _browser.GetAsync($"{path}?{query}&state=s");

            AssertErrorPage(page, title);
        }
    }

    [Theory]
    [InlineData(InstagramPath, "Invalid redirect_uri")]
    [InlineData(FacebookPath, "URL blocked")]
    public async Task A_redirect_uri_that_is_not_exactly_registered_is_an_error_page(string path, string title)
    {
        foreach (var redirectUri in new[]
                 {
                     "http://localhost:3000/auth/callback/", "http://localhost:3000/auth/callback?x=1", "http://LOCALHOST:3000/auth/callback",
                     "https://localhost:3000/auth/callback", "http://localhost:3000/auth/other", "https://evil.example/auth/callback", "",
                 })
        {
            var page = await _browser.GetAsync(DialogUrl(AppId, "user_profile", path: path, redirectUri: redirectUri, responseType: "token"));

            AssertErrorPage(page, title);
        }

        AssertErrorPage(await _browser.GetAsync($"{path}?client_id={AppId}&scope=user_profile&response_type=code"), title);
    }

    [Theory]
    [InlineData("nonsense", "Invalid scope: nonsense")]
    [InlineData("user_profile,nonsense", "Invalid scope: nonsense")]
    [InlineData("user_profile,instagram_basic", "Invalid scope: instagram_basic")]
    [InlineData("user_profile,instagram_business_basic", "Invalid scope: Basic Display and Instagram Login permissions cannot be requested together")]
    [InlineData("user_media", "Invalid scope: user_profile is required")]
    [InlineData("", "Invalid scope: user_profile is required")]
    [InlineData("business_basic", "Invalid scope: business_basic")]
    [InlineData("instagram_business_content_publish", "Invalid scope: instagram_business_basic is required")]
    [InlineData("instagram_graph_user_profile,instagram_graph_user_media",
        "Invalid scope: instagram_graph_user_profile, instagram_graph_user_media (request instagram_graph_user_profile with the scope string user_profile; request instagram_graph_user_media with the scope string user_media)")]
    public async Task An_invalid_scope_goes_back_to_the_app(string scope, string description)
    {
        var page = await _browser.GetAsync(DialogUrl(AppId, scope, state: "st"));

        Assert.Equal(302, page.Status);
        Assert.StartsWith(Callback + "?error=invalid_scope&", page.Location, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string> { ["error"] = "invalid_scope", ["error_reason"] = "invalid_scope", ["error_description"] = description, ["state"] = "st" },
            page.LocationQuery);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("code token")]
    [InlineData(null)]
    public async Task A_response_type_other_than_code_goes_back_to_the_app(string? responseType)
    {
        var page = await _browser.GetAsync(DialogUrl(AppId, "user_profile", responseType: responseType));

        Assert.Equal(302, page.Status);
        Assert.Equal("unsupported_response_type", page.LocationQuery["error"]);
        Assert.Equal("s1", page.LocationQuery["state"]);
    }

    [Fact]
    public async Task Facebook_errors_carry_an_error_code()
    {
        var invalid = await _browser.GetAsync(DialogUrl(AppId, "public_profile,user_profile,made_up", path: FacebookPath, state: "fb"));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["error"] = "invalid_scope", ["error_code"] = "100", ["error_description"] = "Invalid Scopes: user_profile, made_up",
                ["error_reason"] = "invalid_scope", ["state"] = "fb",
            },
            invalid.LocationQuery);

        var token = await _browser.GetAsync(DialogUrl(AppId, "email", path: FacebookPath, responseType: "token"));
        Assert.Equal("unsupported_response_type", token.LocationQuery["error"]);
    }

    private static void AssertErrorPage(DialogPage page, string title)
    {
        Assert.Equal(400, page.Status);
        Assert.Null(page.Location);
        Assert.False(page.Headers.Contains("Location"));
        Assert.Contains(title, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page.Html, StringComparison.Ordinal);
    }
}
