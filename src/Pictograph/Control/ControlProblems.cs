namespace Pictograph.Control;

/// <summary>The control API's own errors, as RFC 7807 problem details (never the Graph envelope: these are not Graph calls).</summary>
public static class ControlProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://pictograph.dev/problems/{status}");
}
