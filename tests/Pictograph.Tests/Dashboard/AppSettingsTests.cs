using Pictograph.Data;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Dashboard.DashboardData;

namespace Pictograph.Tests.Dashboard;

/// <summary>An administrator creates an app and edits its settings, mode and secret.</summary>
public sealed class AppSettingsTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private PictographServer Server => world.Server;

    private DashboardBrowser Admin => world.Admin;

    private Task<HtmlResponse> SaveSettingsAsync(long appId, string redirectUris = "", string deauthorize = "", string dataDeletion = "", bool requireAppSecret = false) =>
        Admin.SubmitAsync(AppPath(appId), AppPath(appId, "settings"),
            [("name", Server.StoredApp(appId).Name), ("redirect_uris", redirectUris), ("deauthorize_callback_url", deauthorize),
             ("data_deletion_callback_url", dataDeletion), .. requireAppSecret ? new[] { ("require_app_secret", "on") } : []]);

    [Fact]
    public async Task Creating_an_app_makes_me_its_administrator_in_development_mode_with_a_fresh_secret()
    {
        var appId = await Admin.CreateAppAsync("My new app");

        var page = await Admin.GetAsync(AppPath(appId) + "?done=created");
        var apps = await Admin.GetAsync("/developers/apps");
        var app = Server.StoredApp(appId);

        Assert.Equal(NodeKind.App, NodeIds.KindOf(appId));
        Assert.Equal("My new app", app.Name);
        Assert.Equal(AppMode.Development, app.Mode);
        Assert.Matches("^[0-9a-f]{32}$", Server.SecretOf(app));
        Assert.NotEqual(Server.Demo.AppSecret, Server.SecretOf(app));
        var role = Assert.Single(Server.StoredRoles(appId));
        Assert.Equal(Server.DeveloperId(), role.Key);
        Assert.Equal(AppRoleKind.Administrator, role.Value);
        Assert.Equal(200, page.Status);
        Assert.Equal(DemoData.Id(appId), page.TextOf("app-id"));
        Assert.Contains("App created.", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.SecretOf(app), page.Html, StringComparison.Ordinal);
        Assert.Contains(AppPath(appId), apps.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_needs_a_name()
    {
        var refused = await Admin.SubmitAsync("/developers/apps", "/developers/apps", ("name", "   "));

        Assert.Equal(400, refused.Status);
        Assert.Contains("An app needs a name.", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_uris_are_saved_one_per_line_exactly_as_typed_but_an_origin_gains_a_slash()
    {
        var appId = await Admin.CreateAppAsync("Redirects");

        var saved = await SaveSettingsAsync(appId, "https://app.example.com/auth/callback?x=1\r\n\r\nhttp://localhost:3000/cb/\nhttps://example.org\nhttp://localhost:3000/cb/\n");
        var page = await Admin.GetAsync(saved.Location!);

        Assert.Equal(302, saved.Status);
        Assert.Equal(["https://app.example.com/auth/callback?x=1", "http://localhost:3000/cb/", "https://example.org/"], Server.StoredApp(appId).RedirectUriList);
        Assert.Contains("Settings saved.", page.Html, StringComparison.Ordinal);
        Assert.Contains("http://localhost:3000/cb/", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/callback", "not an absolute http:// or https:// URL")]
    [InlineData("ftp://example.com/cb", "not an absolute http:// or https:// URL")]
    [InlineData("https://example.com/cb#done", "a redirect URI cannot have a fragment")]
    [InlineData("https://exa mple.com/cb", "not an absolute http:// or https:// URL")]
    public async Task An_invalid_redirect_uri_is_refused_with_a_message_and_nothing_is_saved(string invalid, string message)
    {
        var appId = await Admin.CreateAppAsync("Strict redirects");
        await SaveSettingsAsync(appId, "https://ok.example.com/cb");

        var refused = await SaveSettingsAsync(appId, $"https://other.example.com/cb\n{invalid}", requireAppSecret: true);

        Assert.Equal(400, refused.Status);
        Assert.Contains("Nothing was saved", refused.Html, StringComparison.Ordinal);
        Assert.Contains(message, refused.Html, StringComparison.Ordinal);
        Assert.Contains("https://other.example.com/cb", refused.Html, StringComparison.Ordinal);
        var app = Server.StoredApp(appId);
        Assert.Equal(["https://ok.example.com/cb"], app.RedirectUriList);
        Assert.False(app.RequireAppSecretProof);
    }

    [Fact]
    public async Task Callback_urls_and_require_app_secret_are_saved_and_an_invalid_callback_is_refused()
    {
        var appId = await Admin.CreateAppAsync("Callbacks");

        var saved = await SaveSettingsAsync(appId, deauthorize: "https://example.com/deauth", dataDeletion: "http://localhost:4000/delete", requireAppSecret: true);
        var stored = Server.StoredApp(appId);
        var refused = await SaveSettingsAsync(appId, deauthorize: "javascript:alert(1)");

        Assert.Equal(302, saved.Status);
        Assert.Equal("https://example.com/deauth", stored.DeauthorizeCallbackUrl);
        Assert.Equal("http://localhost:4000/delete", stored.DataDeletionCallbackUrl);
        Assert.True(stored.RequireAppSecretProof);
        Assert.Equal(400, refused.Status);
        Assert.Contains("Deauthorize callback URL: not an absolute http:// or https:// URL.", refused.Html, StringComparison.Ordinal);
        Assert.Equal("https://example.com/deauth", Server.StoredApp(appId).DeauthorizeCallbackUrl);

        var cleared = await SaveSettingsAsync(appId);
        Assert.Equal(302, cleared.Status);
        Assert.Null(Server.StoredApp(appId).DeauthorizeCallbackUrl);
        Assert.False(Server.StoredApp(appId).RequireAppSecretProof);
    }

    [Fact]
    public async Task The_mode_switches_between_development_and_live()
    {
        var appId = await Admin.CreateAppAsync("Going live");

        var live = await Admin.SubmitAsync(AppPath(appId), AppPath(appId, "mode"));
        var liveMode = Server.StoredApp(appId).Mode;
        var back = await Admin.SubmitAsync(AppPath(appId), AppPath(appId, "mode"));

        Assert.Equal(302, live.Status);
        Assert.Equal(AppMode.Live, liveMode);
        Assert.Equal(302, back.Status);
        Assert.Equal(AppMode.Development, Server.StoredApp(appId).Mode);
    }

    [Fact]
    public async Task What_people_type_is_shown_html_encoded()
    {
        const string hostile = "<script>alert(1)</script> & \"quotes\"";
        var appId = await Admin.CreateAppAsync(hostile);

        var pages = new[] { await Admin.GetAsync(AppPath(appId)), await Admin.GetAsync("/developers/apps"), await Admin.GetAsync(AppPath(appId, "tokens")) };

        Assert.Equal(hostile, Server.StoredApp(appId).Name);
        Assert.All(pages, page =>
        {
            Assert.DoesNotContain("<script>", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", page.Html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_secret_is_masked_until_an_administrator_asks_to_see_it()
    {
        var appId = await Admin.CreateAppAsync("Secretive");
        var secret = Server.SecretOf(Server.StoredApp(appId));

        var page = await Admin.GetAsync(AppPath(appId));
        var shown = await Admin.SubmitAsync(AppPath(appId), AppPath(appId, "secret"));

        Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
        Assert.Equal(200, shown.Status);
        Assert.Equal(secret, shown.TextOf("app-secret"));
    }

    [Fact]
    public async Task Resetting_the_secret_stops_the_old_one_at_once()
    {
        var appId = await Admin.CreateAppAsync("Reset me");
        var old = Server.SecretOf(Server.StoredApp(appId));
        var oldAppToken = $"{DemoData.Id(appId)}|{old}";
        var credentials = $"/oauth/access_token?grant_type=client_credentials&client_id={DemoData.Id(appId)}&client_secret=";
        // Both work, and are cached, before the reset.
        Assert.Equal(200, (await Server.GetAsync($"/debug_token?input_token={oldAppToken}&access_token={oldAppToken}")).Status);
        Assert.Equal(200, (await Server.GetAsync(credentials + old)).Status);

        var reset = await Admin.SubmitAsync(AppPath(appId), AppPath(appId, "secret/reset"));
        var fresh = Server.SecretOf(Server.StoredApp(appId));

        Assert.Equal(200, reset.Status);
        Assert.Matches("^[0-9a-f]{32}$", fresh);
        Assert.NotEqual(old, fresh);
        Assert.Equal(fresh, reset.TextOf("app-secret"));
        Assert.Contains("The old secret no longer works", reset.Html, StringComparison.Ordinal);
        GraphAssert.Error(await Server.GetAsync($"/debug_token?input_token={oldAppToken}&access_token={oldAppToken}"), 400, 190);
        var refused = await Server.GetAsync(credentials + old);
        Assert.Equal(400, refused.Status);
        Assert.Contains("client secret", refused.ErrorMessage, StringComparison.Ordinal);
        var renewed = await Server.GetAsync(credentials + fresh);
        Assert.Equal(200, renewed.Status);
        Assert.Equal($"{DemoData.Id(appId)}|{fresh}", renewed.Json.GetProperty("access_token").GetString());
    }
}
