using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Control;
using Pictograph.Control.Faults;
using Pictograph.Control.Inspector;
using Pictograph.Control.Snapshots;
using Pictograph.Dashboard;
using Pictograph.Data;
using Pictograph.GraphApi;
using Pictograph.Impersonation;
using Pictograph.Media;
using Pictograph.Permalinks;
using Pictograph.Web;
using Pictograph.Webhooks;

namespace Pictograph.Hosting;

/// <summary>Builds the web application; the CLI runs it and tests start it on a real port.</summary>
public static class PictographApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddPictograph(builder.Configuration);
        builder.Services.AddRouting();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseInspector();
        app.UseRequestLimits();
        app.UseRequestHosts();
        app.UseBadBodyGuard();
        app.UseSingleSlashes();
        app.UseFaults();
        app.UseStateGate();
        // Explicitly after the path is normalised (the implicit routing would match before it).
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapMediaFiles();
        app.MapPermalinks();
        app.MapTokenEndpoints();
        app.MapDebugToken();
        app.MapOAuthPages();
        app.MapDashboard();
        app.MapWebhooks();
        Publishing.ResumableUploadEndpoint.MapResumableUploads(app);
        app.MapControlApi();
        app.MapGraphApi();
        app.MapImpersonation();
        return app;
    }

    /// <summary>
    /// Migrates the database and, on an empty one, loads the fixture (the demo world when none is given). On a
    /// database that already holds data a given fixture is only checked, so the control API can still name its
    /// keys (the same file always gives the same ids). Answers the summary of what was loaded, if anything.
    /// </summary>
    public static async Task<Seed.DemoWorld.Summary?> PrepareAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken = default, Fixtures.FixtureSource? fixture = null)
    {
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await services.GetRequiredService<AppSecrets>().ProtectStoredAsync(db, cancellationToken).ConfigureAwait(false);
        }

        if (!seedDemo && fixture is null)
        {
            return null;
        }

        var loader = services.GetRequiredService<Fixtures.FixtureLoader>();
        if (!await loader.IsEmptyAsync(cancellationToken).ConfigureAwait(false))
        {
            if (fixture is not null)
            {
                services.GetRequiredService<Fixtures.CurrentFixture>().Loaded = loader.Check(fixture).Summary();
            }

            return null;
        }

        var loaded = await loader.LoadAsync(fixture ?? Fixtures.FixtureSource.Default, cancellationToken).ConfigureAwait(false);
        // What the control API's reset returns to.
        await services.GetRequiredService<Control.Snapshots.Snapshots>().SaveBaselineAsync(cancellationToken).ConfigureAwait(false);
        return Seed.DemoWorld.Describe(loaded);
    }

    /// <summary>
    /// Before a server serves: deletes what a process killed halfway through a write left behind (a snapshot's
    /// temporary file, media files no row refers to). Only <c>serve</c> runs it, not the commands that may run
    /// beside a live server.
    /// </summary>
    public static async Task SweepLeftoversAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<Control.Snapshots.Snapshots>().SweepLeftovers();
        await services.GetRequiredService<MediaSweep>().SweepAsync(cancellationToken).ConfigureAwait(false);
    }
}
