using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Dashboard.DashboardData;

namespace Pictograph.Tests.Dashboard;

/// <summary>An administrator adds and removes administrators, developers and testers.</summary>
public sealed class AppRolesTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private PictographServer Server => world.Server;

    private DashboardBrowser Admin => world.Admin;

    private Task<HtmlResponse> AddAsync(long appId, string who, string role) =>
        Admin.SubmitAsync(AppPath(appId, "roles"), AppPath(appId, "roles"), ("who", who), ("role", role));

    private Task<HtmlResponse> RemoveAsync(long appId, long personId) =>
        Admin.SubmitAsync(AppPath(appId, "roles"), AppPath(appId, "roles/remove"), ("person", DemoData.Id(personId)));

    [Fact]
    public async Task Testers_are_instagram_accounts_by_username_or_facebook_users_by_email()
    {
        var appId = await Admin.CreateAppAsync("Testers");
        var (userId, email) = await Server.AddFacebookUserAsync("Tess Ter");

        var byUsername = await AddAsync(appId, DemoWorld.PersonalUsername, "Tester");
        var byAtUsername = await AddAsync(appId, "@example_shop", "Tester");
        var byEmail = await AddAsync(appId, email, "Tester");
        var page = await Admin.GetAsync(AppPath(appId, "roles"));

        Assert.All(new[] { byUsername, byAtUsername, byEmail }, r => Assert.Equal(302, r.Status));
        var roles = Server.StoredRoles(appId);
        Assert.Equal(AppRoleKind.Tester, roles[Server.Demo.AccountId]);
        Assert.Equal(AppRoleKind.Tester, roles[Server.Account("example_shop").Id]);
        Assert.Equal(AppRoleKind.Tester, roles[userId]);
        Assert.Contains("@jane.doe", page.Html, StringComparison.Ordinal);
        Assert.Contains(email, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_and_developers_are_facebook_users_by_email()
    {
        var appId = await Admin.CreateAppAsync("Team");
        var (developerId, developerEmail) = await Server.AddFacebookUserAsync("Dee Veloper");
        var (adminId, adminEmail) = await Server.AddFacebookUserAsync("Ad Min");

        var developer = await AddAsync(appId, developerEmail, "Developer");
        var admin = await AddAsync(appId, adminEmail, "Administrator");
        var account = await AddAsync(appId, DemoWorld.PersonalUsername, "Developer");
        var unknown = await AddAsync(appId, "nobody@example.com", "Developer");

        Assert.Equal(302, developer.Status);
        Assert.Equal(302, admin.Status);
        Assert.Equal(AppRoleKind.Developer, Server.StoredRoles(appId)[developerId]);
        Assert.Equal(AppRoleKind.Administrator, Server.StoredRoles(appId)[adminId]);
        Assert.Equal(400, account.Status);
        Assert.Contains("Administrators and developers are Facebook users", account.Html, StringComparison.Ordinal);
        Assert.Equal(400, unknown.Status);
        Assert.Contains("No Facebook user has that email address.", unknown.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Demo.AccountId, Server.StoredRoles(appId).Keys);
    }

    [Fact]
    public async Task Adding_someone_again_changes_their_role_and_remove_takes_it_away()
    {
        var appId = await Admin.CreateAppAsync("Changes");
        var (userId, email) = await Server.AddFacebookUserAsync("Change Ling");
        await AddAsync(appId, email, "Tester");

        var promoted = await AddAsync(appId, email, "Developer");
        var promotedRole = Server.StoredRoles(appId)[userId];
        var removed = await RemoveAsync(appId, userId);

        Assert.Equal(302, promoted.Status);
        Assert.Equal(AppRoleKind.Developer, promotedRole);
        Assert.Equal(302, removed.Status);
        Assert.DoesNotContain(userId, Server.StoredRoles(appId).Keys);
        Assert.Contains("Role removed.", (await Admin.GetAsync(removed.Location!)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_removed_nor_demoted()
    {
        var appId = await Admin.CreateAppAsync("Keep an admin");
        var me = Server.DeveloperId();

        var removed = await RemoveAsync(appId, me);
        var demoted = await AddAsync(appId, DemoWorld.DeveloperEmail, "Developer");

        foreach (var refused in new[] { removed, demoted })
        {
            Assert.Equal(400, refused.Status);
            Assert.Contains("An app needs at least one administrator", refused.Html, StringComparison.Ordinal);
        }

        Assert.Equal(AppRoleKind.Administrator, Server.StoredRoles(appId)[me]);
    }
}
