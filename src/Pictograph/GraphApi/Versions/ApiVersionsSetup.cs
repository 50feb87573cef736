using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.GraphApi.Versions;

public static class ApiVersionsSetup
{
    public static IServiceCollection AddApiVersions(this IServiceCollection services)
    {
        services.AddSingleton<ApiVersions>();
        services.AddSingleton<IValidateOptions<PictographOptions>, Validation>();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<ApiVersionConstraint>(ApiVersionConstraint.Name));
        return services;
    }

    /// <summary>The version served to an endpoint mapped under <c>/{version:apiversion}/…</c> (or the default when unversioned).</summary>
    public static string ServedVersion(this HttpContext http) =>
        http.RequestServices.GetRequiredService<ApiVersions>().Serve(http.GetRouteValue("version") as string);

    private sealed class Validation : IValidateOptions<PictographOptions>
    {
        public ValidateOptionsResult Validate(string? name, PictographOptions options) =>
            ApiVersions.Problems(options).ToList() is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems)
                : ValidateOptionsResult.Success;
    }
}
