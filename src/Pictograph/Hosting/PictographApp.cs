using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Control;
using Pictograph.Control.Faults;
using Pictograph.Control.Inspector;
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

    /// <summary>Migrates the database and, on an empty one, seeds the demo world.</summary>
    public static async Task<Seed.DemoWorld.Summary?> PrepareAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await services.GetRequiredService<AppSecrets>().ProtectStoredAsync(db, cancellationToken).ConfigureAwait(false);
        }

        if (!seedDemo)
        {
            return null;
        }

        var world = ActivatorUtilities.CreateInstance<Seed.DemoWorld>(services);
        return await world.SeedIfEmptyAsync(cancellationToken).ConfigureAwait(false);
    }
}
