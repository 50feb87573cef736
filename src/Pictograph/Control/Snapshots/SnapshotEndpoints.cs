using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Pictograph.Control.Snapshots;

/// <summary>
/// <c>/_pictograph/reset</c>, <c>/_pictograph/snapshot</c> and <c>/_pictograph/snapshots</c>: back to the loaded
/// fixture or to nothing, the whole state as an archive, and archives kept by name.
/// </summary>
public sealed class SnapshotEndpoints(Snapshots snapshots, IOptions<ControlOptions> options) : IControlEndpoints
{
    /// <summary>What to reset to: "fixture" (the state right after the fixture or demo world was loaded) or "empty".</summary>
    public sealed record ResetRequest(string? To);

    public sealed record ResetResult(string To);

    public sealed record SaveRequest(string? Name);

    public void Map(RouteGroupBuilder control)
    {
        control.MapPost("/reset", (ResetRequest? body, CancellationToken cancellationToken) => ResetAsync(body?.To ?? "fixture", cancellationToken))
            .WithTags("State")
            .WithSummary("Resets the whole state (database and media files) to the loaded fixture, or to empty.");

        control.MapGet("/snapshot", DownloadCurrentAsync)
            .WithTags("Snapshots")
            .WithSummary("Downloads the current state as a snapshot archive (zip), without keeping it.");

        var kept = control.MapGroup("/snapshots").WithTags("Snapshots");
        kept.MapGet("", () => TypedResults.Ok(snapshots.List()))
            .WithSummary("The snapshots kept by name.");
        kept.MapPost("", async (SaveRequest body, CancellationToken cancellationToken) =>
            {
                if (!Snapshots.IsValidName(body.Name))
                {
                    return NameProblem(body.Name);
                }

                var manifest = await snapshots.SaveAsync(body.Name!, cancellationToken).ConfigureAwait(false);
                return TypedResults.Created($"{ControlApi.Prefix}/snapshots/{body.Name}", new { name = body.Name, manifest });
            })
            .WithSummary("Keeps the current state by name (replacing a snapshot of that name only once the new one is complete).");
        kept.MapGet("/{name}", (string name) => snapshots.PathOf(name) is { } path
                ? Results.File(path, "application/zip", name + ".zip")
                : ControlProblems.NotFound($"There is no snapshot named '{name}'."))
            .WithSummary("Downloads a kept snapshot.");
        kept.MapPut("/{name}", UploadAsync)
            .WithSummary("Keeps an uploaded snapshot archive by name (the body is the zip).");
        kept.MapPost("/{name}/restore", async (string name, CancellationToken cancellationToken) =>
            {
                try
                {
                    return await snapshots.RestoreAsync(name, cancellationToken).ConfigureAwait(false)
                        ? TypedResults.Ok(new { restored = name })
                        : ControlProblems.NotFound($"There is no snapshot named '{name}'.");
                }
                catch (ArchiveRefusedException e)
                {
                    return Refused(e);
                }
            })
            .WithSummary("Replaces the whole state with a kept snapshot's; a snapshot that cannot be restored changes nothing.");
        kept.MapDelete("/{name}", (string name) => snapshots.Delete(name)
                ? Results.NoContent()
                : ControlProblems.NotFound($"There is no snapshot named '{name}'."))
            .WithSummary("Removes a kept snapshot.");
    }

    private async Task<IResult> ResetAsync(string to, CancellationToken cancellationToken)
    {
        try
        {
            switch (to)
            {
                case "empty":
                    await snapshots.ResetToEmptyAsync(cancellationToken).ConfigureAwait(false);
                    return TypedResults.Ok(new ResetResult(to));
                case "fixture":
                    return await snapshots.ResetToBaselineAsync(cancellationToken).ConfigureAwait(false)
                        ? TypedResults.Ok(new ResetResult(to))
                        : ControlProblems.Conflict("No fixture was loaded into this data directory, so there is nothing to reset to; reset to \"empty\", or load one with seed --fixture.");
                default:
                    return ControlProblems.BadRequest("to must be \"fixture\" or \"empty\".");
            }
        }
        catch (ArchiveRefusedException e)
        {
            return Refused(e);
        }
    }

    private async Task<IResult> DownloadCurrentAsync(HttpContext http, CancellationToken cancellationToken)
    {
        // The archive is complete before its first byte is sent, so a failure is an error answer, not a truncated file.
        var temp = Path.GetTempFileName();
        var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await snapshots.WriteAsync(file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            http.Response.RegisterForDisposeAsync(file);
            return Results.File(file, "application/zip", "pictograph-snapshot.zip");
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IResult> UploadAsync(string name, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Snapshots.IsValidName(name))
        {
            return NameProblem(name);
        }

        var limit = options.Value.SnapshotUploadMegabytes * 1024L * 1024L;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            return ControlProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A snapshot upload may be at most {options.Value.SnapshotUploadMegabytes} MB (Pictograph:Control:SnapshotUploadMegabytes).");
        }

        try
        {
            await snapshots.UploadAsync(name, http.Request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (ArchiveRefusedException e)
        {
            return Refused(e);
        }

        return TypedResults.Created($"{ControlApi.Prefix}/snapshots/{name}", new { name });
    }

    private static IResult NameProblem(string? name) =>
        ControlProblems.BadRequest($"'{name}' is not a snapshot name: use 1-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");

    private static IResult Refused(ArchiveRefusedException e) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Snapshot refused",
            Detail = e.Message,
            Type = "https://pictograph.dev/problems/422",
            Extensions = { ["errors"] = e.Reasons },
        });
}
