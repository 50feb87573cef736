using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Dashboard.DashboardData;

namespace Pictograph.Tests.Dashboard;

/// <summary>
/// Who may do what: administrators everything, developers view and make tokens, testers and strangers
/// see nothing; and no POST is taken without the csrf field of this session's page.
/// </summary>
public sealed class DashboardAccessTests(DashboardAccessTests.SharedApp world) : IClassFixture<DashboardAccessTests.SharedApp>
{
    /// <summary>One app with an administrator, a developer and a tester (a Facebook user), and a stranger, each signed in once.</summary>
    public sealed class SharedApp : DashboardWorld
    {
        public long AppId { get; private set; }

        public DashboardBrowser Developer { get; private set; } = null!;

        public DashboardBrowser Tester { get; private set; } = null!;

        public DashboardBrowser Stranger { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            AppId = await Admin.CreateAppAsync("Shared app");
            await Admin.AddRoleAsync(AppId, DemoWorld.PersonalUsername, AppRoleKind.Tester);
            Developer = await SignedInWithRoleAsync("Dev Two", AppRoleKind.Developer);
            Tester = await SignedInWithRoleAsync("Test Er", AppRoleKind.Tester);
            Stranger = await DashboardBrowser.SignedInAsync(Server, (await Server.AddFacebookUserAsync("Stran Ger")).Email, Password);
        }

        public override async Task DisposeAsync()
        {
            foreach (var browser in new[] { Developer, Tester, Stranger })
            {
                browser?.Dispose();
            }

            await base.DisposeAsync();
        }

        private async Task<DashboardBrowser> SignedInWithRoleAsync(string name, AppRoleKind role)
        {
            var (_, email) = await Server.AddFacebookUserAsync(name);
            await Admin.AddRoleAsync(AppId, email, role);
            return await DashboardBrowser.SignedInAsync(Server, email, Password);
        }
    }

    private PictographServer Server => world.Server;

    private long AppId => world.AppId;

    private string[] AdministratorActions => [AppPath(AppId, "settings"), AppPath(AppId, "mode"), AppPath(AppId, "secret"), AppPath(AppId, "secret/reset"), AppPath(AppId, "roles"), AppPath(AppId, "roles/remove")];

    [Fact]
    public async Task A_developer_sees_the_settings_without_the_secret_or_any_way_to_change_them()
    {
        var apps = await world.Developer.GetAsync("/developers/apps");
        var settings = await world.Developer.GetAsync(AppPath(AppId));
        var roles = await world.Developer.GetAsync(AppPath(AppId, "roles"));

        Assert.Contains(AppPath(AppId), apps.Html, StringComparison.Ordinal);
        Assert.Equal(200, settings.Status);
        Assert.Equal(200, roles.Status);
        Assert.Contains("Only administrators can change settings.", settings.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.SecretOf(Server.StoredApp(AppId)), settings.Html, StringComparison.Ordinal);
        Assert.Contains("@jane.doe", roles.Html, StringComparison.Ordinal);
        Assert.All(AdministratorActions, action => Assert.False(settings.HasForm(action) || roles.HasForm(action), $"The developer was offered {action}"));
    }

    [Fact]
    public async Task A_developer_cannot_change_settings_roles_or_the_secret_even_by_posting_directly()
    {
        var before = Server.StoredApp(AppId);
        var csrf = (await world.Developer.GetAsync(AppPath(AppId, "tokens"))).Csrf(AppPath(AppId, "tokens"));

        var attempts = new[]
        {
            await world.Developer.PostAsync(AppPath(AppId, "settings"), ("csrf", csrf), ("name", "Taken over"), ("redirect_uris", "https://evil.example/cb")),
            await world.Developer.PostAsync(AppPath(AppId, "mode"), ("csrf", csrf), ("mode", "Live")),
            await world.Developer.PostAsync(AppPath(AppId, "secret"), ("csrf", csrf)),
            await world.Developer.PostAsync(AppPath(AppId, "secret/reset"), ("csrf", csrf)),
            await world.Developer.PostAsync(AppPath(AppId, "roles"), ("csrf", csrf), ("who", "someone@example.com"), ("role", "Administrator")),
            await world.Developer.PostAsync(AppPath(AppId, "roles/remove"), ("csrf", csrf), ("person", DemoData.Id(Server.DeveloperId()))),
        };

        Assert.All(attempts, attempt =>
        {
            Assert.Equal(403, attempt.Status);
            Assert.Contains("Only administrators", attempt.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(Server.SecretOf(before), attempt.Html, StringComparison.Ordinal);
        });
        var after = Server.StoredApp(AppId);
        Assert.Equal((before.Name, before.RedirectUris, before.Mode, before.StoredSecret), (after.Name, after.RedirectUris, after.Mode, after.StoredSecret));
        Assert.Equal(AppRoleKind.Administrator, Server.StoredRoles(AppId)[Server.DeveloperId()]);
    }

    [Fact]
    public async Task A_developer_generates_tokens_for_testers()
    {
        var generated = await world.Developer.SubmitAsync(AppPath(AppId, "tokens"), AppPath(AppId, "tokens"),
            ("person", DemoData.Id(Server.Demo.AccountId)), ("scope", Permissions.UserProfile));
        var token = generated.TextOf("generated-token");

        Assert.Equal(200, generated.Status);
        var me = await Server.GetAsync($"/me?fields=username&access_token={token}");
        Assert.Equal(DemoWorld.PersonalUsername, me.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Testers_and_people_without_a_role_see_nothing_of_the_app()
    {
        foreach (var outsider in new[] { world.Tester, world.Stranger })
        {
            var apps = await outsider.GetAsync("/developers/apps");
            Assert.Equal(200, apps.Status);
            Assert.DoesNotContain(AppPath(AppId), apps.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("Shared app", apps.Html, StringComparison.Ordinal);
            Assert.Contains("You have no apps yet.", apps.Html, StringComparison.Ordinal);

            foreach (var page in new[] { AppPath(AppId), AppPath(AppId, "roles"), AppPath(AppId, "tokens") })
            {
                var response = await outsider.GetAsync(page);
                Assert.Equal(404, response.Status);
                Assert.DoesNotContain("Shared app", response.Html, StringComparison.Ordinal);
            }

            var csrf = apps.Csrf("/developers/apps");
            var posted = await outsider.PostAsync(AppPath(AppId, "tokens"), ("csrf", csrf), ("person", DemoData.Id(Server.Demo.AccountId)), ("scope", Permissions.UserProfile));
            Assert.Equal(404, posted.Status);
            Assert.DoesNotContain("generated-token", posted.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_post_without_this_sessions_csrf_field_is_refused()
    {
        var before = Server.StoredApp(AppId);
        var strangersCsrf = (await world.Stranger.GetAsync("/developers/apps")).Csrf("/developers/apps");

        var without = await world.Admin.PostAsync(AppPath(AppId, "mode"), ("mode", "Live"));
        var forged = await world.Admin.PostAsync(AppPath(AppId, "mode"), ("csrf", "CfDJ8forged"), ("mode", "Live"));
        var someoneElses = await world.Admin.PostAsync(AppPath(AppId, "mode"), ("csrf", strangersCsrf), ("mode", "Live"));
        var reset = await world.Admin.PostAsync(AppPath(AppId, "secret/reset"));

        Assert.All(new[] { without, forged, someoneElses, reset }, refused =>
        {
            Assert.Equal(400, refused.Status);
            Assert.Contains("Form refused", refused.Html, StringComparison.Ordinal);
        });
        var after = Server.StoredApp(AppId);
        Assert.Equal((before.Mode, before.StoredSecret), (after.Mode, after.StoredSecret));
    }

    [Fact]
    public async Task Unknown_dashboard_paths_and_apps_are_a_dashboard_404()
    {
        var missingApp = await world.Admin.GetAsync(AppPath(NodeIds.Compose(NodeKind.App, 999_999)));
        var missingPage = await world.Admin.GetAsync("/developers/nothing/here");

        Assert.Equal(404, missingApp.Status);
        Assert.Equal(404, missingPage.Status);
        Assert.Contains("Page not found", missingPage.Html, StringComparison.Ordinal);
    }
}
