namespace Pictograph.Control;

/// <summary>
/// The stand-in's control plane under <c>/_pictograph</c> (as LocalStack's <c>/_localstack</c>): JSON in and
/// out, problem details for its errors, described by the OpenAPI document at <c>/_pictograph/openapi/control.json</c>.
/// It is a plain-listener route only, so the hosts that answer as Meta's never reach it.
/// </summary>
public static class ControlApi
{
    public const string Prefix = "/_pictograph";
    public const string DocumentName = "control";

    public static IServiceCollection AddControlApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ControlOptions>().Bind(configuration.GetSection(ControlOptions.Section));
        services.AddSingleton<ControlAccess>();
        services.AddSingleton<Snapshots.StateWriter>();
        services.AddSingleton<Snapshots.StateRestorer>();
        services.AddSingleton<Snapshots.StateGate>();
        services.AddSingleton<Snapshots.Snapshots>();
        services.AddSingleton<IControlEndpoints, Snapshots.SnapshotEndpoints>();
        services.AddOpenApi(DocumentName, openApi =>
        {
            openApi.ShouldInclude = description => description.GroupName == DocumentName;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Pictograph control API";
                document.Info.Description = "Fixtures, reset, snapshots, the clock, processing modes, faults and the inspector.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapControlApi(this WebApplication app)
    {
        var control = app.MapGroup(Prefix)
            .WithGroupName(DocumentName)
            .AddEndpointFilter<ControlAccess>();
        foreach (var endpoints in app.Services.GetServices<IControlEndpoints>())
        {
            endpoints.Map(control);
        }

        control.MapOpenApi("/openapi/{documentName}.json");
        control.Map("/{**rest}", (HttpContext http) => ControlProblems.NotFound($"{http.Request.Method} {http.Request.Path} is not part of the control API; its routes are listed at {Prefix}/openapi/{DocumentName}.json."))
            .ExcludeFromDescription();
        return app;
    }
}
