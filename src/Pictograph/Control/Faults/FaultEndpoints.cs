using System.Text.Json;

namespace Pictograph.Control.Faults;

/// <summary><c>/_pictograph/faults</c>: add, list and clear fault rules.</summary>
public sealed class FaultEndpoints(FaultRules rules) : IControlEndpoints
{
    /// <summary>The rules, in the order they apply.</summary>
    public sealed record FaultList(IReadOnlyList<FaultView> Data);

    public void Map(RouteGroupBuilder control)
    {
        var group = control.MapGroup("/faults").WithTags("Faults");
        group.MapGet("", () => TypedResults.Ok(new FaultList([.. rules.List().Select(FaultView.Of)])))
            .WithSummary("The active fault rules, with their hits and remaining matches.");
        group.MapPost("", async Task<IResult> (HttpContext http) =>
            {
                var (json, problem) = await JsonBody.ReadAsync(http);
                if (json is null)
                {
                    return problem!;
                }

                using var document = json;
                var body = document.RootElement;
                var many = body.ValueKind == JsonValueKind.Array;
                IReadOnlyList<JsonElement> given = many ? [.. body.EnumerateArray()] : [body];
                var errors = rules.TryAdd(given, indexed: many, out var added);
                if (errors.Count > 0)
                {
                    return Invalid(errors);
                }

                var views = added.Select(FaultView.Of).ToList();
                return many
                    ? TypedResults.Created($"{ControlApi.Prefix}/faults", new FaultList(views))
                    : TypedResults.Created($"{ControlApi.Prefix}/faults/{views[0].Id}", views[0]);
            })
            .WithSummary("Adds a rule (an object) or several (an array, all or none): match → error, latency or drop, with a probability or for the next N matches.");
        group.MapDelete("", () => TypedResults.Ok(new { deleted = rules.Clear() }))
            .WithSummary("Removes every rule.");
        group.MapDelete("/{id}", (string id) => rules.Remove(id)
                ? Results.NoContent()
                : ControlProblems.NotFound($"There is no fault rule '{id}' (a rule with times is removed once spent)."))
            .WithSummary("Removes one rule.");
    }

    /// <summary>Every mistake, in the detail and as a list.</summary>
    private static IResult Invalid(IReadOnlyList<string> errors) =>
        TypedResults.Problem(
            detail: string.Join("; ", errors),
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            type: "https://pictograph.dev/problems/400",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
