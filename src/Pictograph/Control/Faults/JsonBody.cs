using System.Text.Json;

namespace Pictograph.Control.Faults;

/// <summary>
/// A control call's JSON body, read by the endpoint itself so that a missing or malformed body (or one sent
/// without a JSON content type, as curl -d does) gets problem details that say so, not an empty 400 or 415.
/// (Declaring the body with Accepts would make routing refuse other content types before the endpoint runs.)
/// </summary>
internal static class JsonBody
{
    public static async Task<(JsonDocument? Json, IResult? Problem)> ReadAsync(HttpContext http)
    {
        try
        {
            return (await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, ControlProblems.BadRequest($"The body must be JSON: {e.Message}"));
        }
    }
}
