using Microsoft.Extensions.Options;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Data.Providers;
using Pictograph.Data.Rows;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Paging;
using Pictograph.GraphApi;
using Pictograph.GraphApi.Versions;
using Pictograph.Impersonation;
using Pictograph.Insights;
using Pictograph.Jobs;
using Pictograph.Media;
using Pictograph.Publishing;
using Pictograph.Webhooks;
using Pictograph.Nodes;
using Pictograph.RateLimits;
using Pictograph.Web;
using Microsoft.AspNetCore.DataProtection;
using Pictograph.Control;
using Pictograph.Control.Clock;
using Pictograph.Control.Faults;
using Pictograph.Control.Inspector;

namespace Pictograph.Hosting;

public static class PictographServices
{
    /// <summary>Everything the server and the command-line tool share.</summary>
    public static IServiceCollection AddPictograph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PictographOptions>()
            .Bind(configuration.GetSection(PictographOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<PictographOptions>>((kestrel, options) => RequestLimits.ApplyTo(kestrel.Limits, options.Value));
        // One clock for everything; the control API moves it (tests register theirs over the system's).
        services.AddSingleton(_ => new ControlClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ControlClock>());
        services.AddControlApi(configuration);
        services.AddSingleton<IControlEndpoints, ClockEndpoints>();
        services.AddInspector(configuration);
        services.AddFaults(configuration);
        services.AddSingleton<IControlEndpoints, RateLimitEndpoints>();
        services.AddApiVersions();
        services.AddImpersonation(configuration);
        services.AddRequestHosts();
        services.AddSingleton(sp => ServerSecret.LoadOrCreate(sp.GetRequiredService<IOptions<PictographOptions>>().Value.DataDirectory));
        services.AddSingleton(sp => new CursorCodec(sp.GetRequiredService<ServerSecret>().Derive("paging-cursor")));

        services.AddDatabase(configuration);
        services.AddSingleton<MediaCache>();
        services.AddSingleton<CommentPages>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<IdAllocator>();
        services.AddSingleton<DatabaseSetup>();

        services.AddMemoryCache();
        services.AddSingleton<AppSecrets>();
        services.AddSingleton<AppDirectory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<PasswordChanges>();
        services.AddSingleton<Deauthorization>();

        // Cookie and antiforgery keys live in the data directory, so sessions survive restarts and
        // every node sharing the directory reads every cookie.
        var dataDirectory = configuration[$"{PictographOptions.Section}:{nameof(PictographOptions.DataDirectory)}"] ?? new PictographOptions().DataDirectory;
        services.AddDataProtection()
            .SetApplicationName("pictograph")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddPictographSessions();
        services.AddSignInThrottle();
        Permalinks.PermalinkEndpoints.AddPermalinks(services);

        services.AddMediaStorage();
        services.AddSingleton<InstagramSchema>();
        services.AddSingleton<GraphExecutor>();
        services.AddScoped<GraphCaller>();
        services.AddSingleton<GraphCallObservers>();
        services.AddScoped<MediaLinks>();
        services.AddSingleton<IUsageCounterStore, InMemoryUsageCounterStore>();
        services.AddSingleton<RateLimitBudgets>();
        services.AddSingleton<UsageMeter>();
        services.AddJobs();
        services.AddPublishing();
        services.AddInsights();
        services.AddWebhooks();
        Fixtures.FixturesSetup.AddFixtures(services);
        return services;
    }
}
