using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pictograph.Data;

namespace Pictograph.Auth.OAuth;

/// <summary>Apps by id, cached briefly (every token check of an app that requires appsecret_proof reads its secret).</summary>
public sealed class AppDirectory(IDbContextFactory<PictographDb> dbFactory, IMemoryCache cache, AppSecrets secrets)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    public async Task<App?> FindAsync(long appId, CancellationToken cancellationToken = default)
    {
        var key = $"app:{appId}";
        if (cache.TryGetValue(key, out App? app))
        {
            return app;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        app = await db.Apps.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appId, cancellationToken).ConfigureAwait(false);
        cache.Set(key, app, CacheLifetime);
        return app;
    }

    /// <summary>Parses a client_id / app_id parameter and finds the app.</summary>
    public Task<App?> FindAsync(string? clientId, CancellationToken cancellationToken = default) =>
        long.TryParse(clientId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? FindAsync(id, cancellationToken)
            : Task.FromResult<App?>(null);

    /// <summary>Drops the cached copy after the app changed (secret reset, settings).</summary>
    public void Forget(long appId) => cache.Remove($"app:{appId}");

    public bool SecretMatches(App app, string? secret) => secrets.Matches(app, secret);

    /// <summary>The app's secret in plain text (to sign with it).</summary>
    public string SecretOf(App app) => secrets.Reveal(app);
}
