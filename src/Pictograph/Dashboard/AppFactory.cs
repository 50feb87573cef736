using Pictograph.Auth;
using Pictograph.Data;

namespace Pictograph.Dashboard;

/// <summary>Creates apps (the dashboard's "Create app" and <c>apps create</c>) and their secrets.</summary>
public static class AppFactory
{
    /// <summary>Adds the app (and its administrator's role, if any) to the context; the caller saves.</summary>
    public static async Task<App> CreateAsync(
        PictographDb db,
        IdAllocator ids,
        TimeProvider clock,
        AppSecrets secrets,
        string name,
        AppMode mode,
        IEnumerable<string> redirectUris,
        long? administratorId,
        CancellationToken cancellationToken)
    {
        var app = new App
        {
            Id = await ids.NextAsync(NodeKind.App, cancellationToken).ConfigureAwait(false),
            Name = name,
            StoredSecret = secrets.Protect(AppSecrets.NewSecret()),
            CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            Mode = mode,
            RedirectUris = string.Join('\n', redirectUris),
        };
        db.Apps.Add(app);
        if (administratorId is { } person)
        {
            db.AppRoles.Add(new AppRole { AppId = app.Id, PersonId = person, Role = AppRoleKind.Administrator });
        }

        return app;
    }
}
