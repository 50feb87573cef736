using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Control.Clock;
using Pictograph.Data;
using Pictograph.Jobs;
using Pictograph.Publishing;

namespace Pictograph.Control.Processing;

/// <summary>
/// <c>/_pictograph/processing</c> and <c>/_pictograph/containers/{id}/advance</c>: when containers are processed,
/// and moving a held container on to FINISHED (it is processed now) or to an ERROR of the caller's choosing.
/// </summary>
public sealed class ProcessingEndpoints(ProcessingMode mode, IDbContextFactory<PictographDb> dbFactory, JobQueue queue, TimeProvider clock) : IControlEndpoints
{
    public sealed record ProcessingState(string Mode, string? Delay);

    /// <summary>mode: "immediate", "delayed" (with delay, e.g. "5s") or "manual".</summary>
    public sealed record SetProcessing(string? Mode, string? Delay);

    /// <summary>status: "FINISHED" or "ERROR" (with error_subcode, e.g. 2207052, and optionally error_code and message).</summary>
    public sealed record Advance(
        string? Status,
        [property: JsonPropertyName("error_subcode")] int? ErrorSubcode,
        [property: JsonPropertyName("error_code")] int? ErrorCode,
        string? Message);

    public void Map(RouteGroupBuilder control)
    {
        control.MapGet("/processing", () => TypedResults.Ok(State()))
            .WithTags("Processing")
            .WithSummary("When new media containers are processed.");
        control.MapPut("/processing", SetAsync)
            .WithTags("Processing")
            .WithSummary("immediate (default), delayed by a span of the server's clock, or manual (IN_PROGRESS until advanced).");
        control.MapPost("/containers/{id}/advance", AdvanceAsync)
            .WithTags("Processing")
            .WithSummary("Moves a waiting container on: FINISHED processes it now; ERROR fails it with the given subcode.");
    }

    private ProcessingState State()
    {
        var (kind, delay) = mode.Current;
        return new ProcessingState(kind.ToString().ToLowerInvariant(), kind == ProcessingKind.Delayed ? $"{delay.TotalSeconds}s" : null);
    }

    private async Task<IResult> SetAsync(SetProcessing body, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ProcessingKind>(body.Mode, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Mode, out _))
        {
            return ControlProblems.BadRequest("mode must be \"immediate\", \"delayed\" or \"manual\".");
        }

        var delay = TimeSpan.Zero;
        if (kind == ProcessingKind.Delayed && (!Durations.TryParse(body.Delay, out delay) || delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(365)))
        {
            return ControlProblems.BadRequest("delayed needs delay, a span from 1 ms to 365 days such as \"5s\" or \"2m\".");
        }

        mode.Set(kind, delay);
        if (kind != ProcessingKind.Manual)
        {
            // Containers held by the manual mode are processed once it is left.
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await HeldJobs(db).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, now), cancellationToken).ConfigureAwait(false);
            queue.Wake();
        }

        return TypedResults.Ok(State());
    }

    private async Task<IResult> AdvanceAsync(string id, Advance body, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var containerId))
        {
            return ControlProblems.BadRequest($"'{id}' is not a container id.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var container = await db.Containers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == containerId, cancellationToken).ConfigureAwait(false);
        if (container is null)
        {
            return ControlProblems.NotFound($"There is no container {containerId}.");
        }

        if (container.State != ContainerState.InProgress)
        {
            return ControlProblems.Conflict($"Container {containerId} is {container.State.ToString().ToUpperInvariant()}, not IN_PROGRESS.");
        }

        var payload = JsonSerializer.Serialize(new ContainerProcessing.Payload(containerId));
        var job = db.Jobs.Where(j => j.Kind == ContainerProcessing.Kind && j.State == JobState.Pending && j.Payload == payload);
        var now = clock.GetUtcNow();
        switch (body.Status)
        {
            case "FINISHED":
                if (await job.ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, now.ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false) == 0)
                {
                    return ControlProblems.Conflict($"Container {containerId} is not waiting to be processed (its media has not all arrived, or it is being processed now).");
                }

                queue.Wake();
                return TypedResults.Accepted($"/{containerId}?fields=status_code", new { id = containerId.ToString(System.Globalization.CultureInfo.InvariantCulture), status = "processing" });
            case "ERROR":
                if (body.ErrorSubcode is not (> 0 and < 100_000_000))
                {
                    return ControlProblems.BadRequest("ERROR needs error_subcode, e.g. 2207052 (media could not be fetched) or 2207004 (image too large).");
                }

                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
                {
                    var failed = await db.Containers.Where(c => c.Id == containerId && c.State == ContainerState.InProgress)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(c => c.State, ContainerState.Error)
                            .SetProperty(c => c.ErrorCode, body.ErrorCode ?? -1)
                            .SetProperty(c => c.ErrorSubcode, body.ErrorSubcode)
                            .SetProperty(c => c.ErrorMessage, Truncate(body.Message) ?? "The media could not be processed.")
                            .SetProperty(c => c.FinishedAt, now.ToUnixTimeSeconds()), cancellationToken).ConfigureAwait(false);
                    await job.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Done).SetProperty(j => j.FinishedAt, now.ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    if (failed == 0)
                    {
                        return ControlProblems.Conflict($"Container {containerId} finished meanwhile.");
                    }
                }

                return TypedResults.Ok(new { id = containerId.ToString(System.Globalization.CultureInfo.InvariantCulture), status_code = "ERROR", error_subcode = body.ErrorSubcode });
            default:
                return ControlProblems.BadRequest("status must be \"FINISHED\" or \"ERROR\".");
        }
    }

    private static IQueryable<Job> HeldJobs(PictographDb db)
    {
        var held = ProcessingMode.Held.ToUnixTimeMilliseconds();
        return db.Jobs.Where(j => j.Kind == ContainerProcessing.Kind && j.State == JobState.Pending && j.RunAt == held);
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
