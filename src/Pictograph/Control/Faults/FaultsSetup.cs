using Pictograph.GraphApi;

namespace Pictograph.Control.Faults;

public static class FaultsSetup
{
    public static IServiceCollection AddFaults(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(ControlOptions.Section));
        services.AddSingleton<FaultRules>();
        services.AddSingleton<IControlEndpoints, FaultEndpoints>();
        services.AddSingleton<Fixtures.IFixtureFaults, FixtureFaults>();
        services.AddSingleton<IGraphCallObserver, FaultCallerStage>();
        return services;
    }

    /// <summary>After the host and path are settled, before routing: every route but the control API.</summary>
    public static WebApplication UseFaults(this WebApplication app)
    {
        app.UseMiddleware<FaultMiddleware>();
        return app;
    }
}
