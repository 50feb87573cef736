namespace Pictograph.GraphApi.Versions;

/// <summary>
/// The <c>{version:apiversion}</c> route constraint: only a configured, released version matches, so any other
/// first segment (<c>/v99.0/oauth/access_token</c>) falls through to the Graph endpoint and its path error.
/// </summary>
public sealed class ApiVersionConstraint(ApiVersions versions) : IRouteConstraint
{
    public const string Name = "apiversion";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string text && versions.IsVersion(text);
}
