using Pictograph.GraphApi;

namespace Pictograph.Control.Inspector;

public static class InspectorSetup
{
    public static IServiceCollection AddInspector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InspectorOptions>().Bind(configuration.GetSection(ControlOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<IControlEndpoints, InspectorEndpoints>();
        services.AddSingleton<IGraphCallObserver, InspectorCallerStage>();
        return services;
    }

    /// <summary>First in the pipeline, so even requests refused for their size or host are kept.</summary>
    public static WebApplication UseInspector(this WebApplication app)
    {
        app.UseMiddleware<InspectorMiddleware>();
        return app;
    }
}
