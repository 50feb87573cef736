using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.OAuth;

/// <summary>Apps, people and roles written straight into a test server's database.</summary>
public static class TestWorld
{
    public static async Task<App> CreateAppAsync(this PictographServer server, AppMode mode, string redirectUris = DemoWorld.DemoRedirectUri, string name = "Test App", params long[] testers)
    {
        var app = new App
        {
            Id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.App),
            Name = name,
            StoredSecret = server.Protected(AppSecrets.NewSecret()),
            Mode = mode,
            RedirectUris = redirectUris,
        };
        await WriteAsync(server, db =>
        {
            db.Apps.Add(app);
            db.AppRoles.AddRange(testers.Select(person => new AppRole { AppId = app.Id, PersonId = person, Role = AppRoleKind.Tester }));
        });
        return app;
    }

    /// <summary>An Instagram account with the demo password and no role on any app.</summary>
    public static async Task<Account> CreateAccountAsync(this PictographServer server, string username, AccountType type = AccountType.Personal)
    {
        var account = new Account
        {
            Id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.Account),
            Username = username,
            AccountType = type,
            PasswordHash = Passwords.Hash(DemoWorld.DemoPassword),
        };
        await WriteAsync(server, db => db.Accounts.Add(account));
        return account;
    }

    /// <summary>A Facebook user with the demo password and no role on any app.</summary>
    public static async Task<FacebookUser> CreateFacebookUserAsync(this PictographServer server, string email)
    {
        var user = new FacebookUser
        {
            Id = await server.Services.GetRequiredService<IdAllocator>().NextAsync(NodeKind.FacebookUser),
            Name = email.Split('@')[0],
            Email = email,
            PasswordHash = Passwords.Hash(DemoWorld.DemoPassword),
        };
        await WriteAsync(server, db => db.FacebookUsers.Add(user));
        return user;
    }

    public static FacebookUser Developer(this PictographServer server)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PictographDb>().FacebookUsers.Single(u => u.Email == DemoWorld.DeveloperEmail);
    }

    /// <summary>Changes an app (and drops the server's cached copy).</summary>
    public static async Task UpdateAppAsync(this PictographServer server, long appId, Action<App> change)
    {
        await WriteAsync(server, db => change(db.Apps.Single(a => a.Id == appId)));
        server.Services.GetRequiredService<AppDirectory>().Forget(appId);
    }

    private static async Task WriteAsync(PictographServer server, Action<PictographDb> write)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        write(db);
        await db.SaveChangesAsync();
    }
}
