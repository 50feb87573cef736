using System.Security.Cryptography;
using Pictograph.Data;

namespace Pictograph.Dashboard;

/// <summary>Creates apps (the dashboard's "Create app" and <c>apps create</c>) and their secrets.</summary>
public static class AppFactory
{
    /// <summary>A fresh app secret: 128 random bits as 32 hex digits, the shape of Meta's.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Adds the app (and its administrator's role, if any) to the context; the caller saves.</summary>
    public static async Task<App> CreateAsync(
        PictographDb db,
        IdAllocator ids,
        TimeProvider clock,
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
            Secret = NewSecret(),
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
