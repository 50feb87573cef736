namespace Pictograph.Control;

/// <summary>
/// One capability's part of the control API. Each is registered as a singleton and maps its routes on the
/// <c>/_pictograph</c> group, which already carries the access check, the OpenAPI group and problem details.
/// </summary>
public interface IControlEndpoints
{
    void Map(RouteGroupBuilder control);
}
