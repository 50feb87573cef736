using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Dashboard;

/// <summary>
/// Arranging and checking dashboard tests: people made straight in the database, apps made through the
/// dashboard, and fresh reads of what the dashboard stored. Each test class has a server of its own
/// (<c>IClassFixture&lt;PictographServer&gt;</c>), so its sign-ins stay under the per-minute throttle.
/// </summary>
public static partial class DashboardData
{
    public const string Password = "correct horse battery";

    public static string AppPath(long appId, string rest = "") =>
        $"/developers/apps/{appId.ToString(CultureInfo.InvariantCulture)}{(rest.Length == 0 ? "" : "/" + rest)}";

    /// <summary>A Facebook user with <see cref="Password"/>, and an email unique to the call.</summary>
    public static async Task<(long Id, string Email)> AddFacebookUserAsync(this PictographServer server, string name)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.com";
        var id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.FacebookUser);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        db.FacebookUsers.Add(new FacebookUser { Id = id, Name = name, Email = email, PasswordHash = Passwords.Hash(Password) });
        await db.SaveChangesAsync();
        return (id, email);
    }

    /// <summary>Creates an app through the dashboard and returns its id (from the redirect to its page).</summary>
    public static async Task<long> CreateAppAsync(this DashboardBrowser browser, string name)
    {
        var created = await browser.SubmitAsync("/developers/apps", "/developers/apps", ("name", name));
        Assert.True(created.Status == 302, $"Creating an app answered {created.Status}:\n{created.Html}");
        var match = AppLocation().Match(created.Location ?? "");
        Assert.True(match.Success, $"Not an app page: {created.Location}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Gives someone a role through the dashboard (the browser must be an administrator's).</summary>
    public static async Task AddRoleAsync(this DashboardBrowser browser, long appId, string who, AppRoleKind role)
    {
        var added = await browser.SubmitAsync(AppPath(appId, "roles"), AppPath(appId, "roles"), ("who", who), ("role", role.ToString()));
        Assert.True(added.Status == 302, $"Adding {who} as {role} answered {added.Status}:\n{added.Html}");
    }

    /// <summary>The app as stored now.</summary>
    public static App StoredApp(this PictographServer server, long appId)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PictographDb>().Apps.AsNoTracking().Single(a => a.Id == appId);
    }

    /// <summary>The app's roles as stored now: person id → role.</summary>
    public static Dictionary<long, AppRoleKind> StoredRoles(this PictographServer server, long appId)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PictographDb>().AppRoles.AsNoTracking()
            .Where(r => r.AppId == appId).ToDictionary(r => r.PersonId, r => r.Role);
    }

    public static long DeveloperId(this PictographServer server)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PictographDb>().FacebookUsers.Single(u => u.Email == Seed.DemoWorld.DeveloperEmail).Id;
    }

    [GeneratedRegex(@"^/developers/apps/(\d+)(\?|$)")]
    private static partial Regex AppLocation();
}
