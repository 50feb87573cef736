using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Pictograph.Control.Inspector;

/// <summary><c>/_pictograph/requests</c>: the recent requests the inspector keeps, filtered, and a live tail of new ones.</summary>
public sealed class InspectorEndpoints(RequestLog log) : IControlEndpoints
{
    /// <summary>Kept requests, oldest first; <c>last_sequence</c> is where a later <c>after=</c> goes on from.</summary>
    public sealed record RequestList(
        IReadOnlyList<InspectedRequest> Data,
        [property: JsonPropertyName("last_sequence")] long LastSequence,
        int Capacity);

    public void Map(RouteGroupBuilder control)
    {
        var group = control.MapGroup("/requests").WithTags("Inspector");
        group.MapGet("", (HttpContext http) =>
            {
                var (filter, problem) = RequestFilter.Parse(http.Request.Query);
                if (filter is null)
                {
                    return ControlProblems.BadRequest(problem!);
                }

                var last = log.Last;
                return TypedResults.Ok(new RequestList(log.Find(filter), last, log.Capacity));
            })
            .WithSummary("Recent requests (method, host, path with tokens masked, caller, status, latency, Graph error), filtered by app_id, status (404 or 4xx), path prefix, after=<sequence> and limit.");
        group.MapGet("/tail", async Task<IResult> (HttpContext http) =>
            {
                var (filter, problem) = RequestFilter.Parse(http.Request.Query);
                if (filter is null)
                {
                    return ControlProblems.BadRequest(problem!);
                }

                // A reconnecting EventSource sends the last id it saw; it resumes there.
                var after = filter.After;
                if (after is null && long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resumed))
                {
                    after = resumed;
                }

                var events = log.TailAsync(filter with { After = null }, after, http.RequestAborted)
                    .Select(request => new SseItem<InspectedRequest>(request, "request") { EventId = request.Sequence.ToString(CultureInfo.InvariantCulture) });
                // The head goes out at once, so a client knows the tail is open before the first request comes.
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.StartAsync(http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                void WriteJson(SseItem<InspectedRequest> item, System.Buffers.IBufferWriter<byte> buffer)
                {
                    using var writer = new Utf8JsonWriter(buffer);
                    JsonSerializer.Serialize(writer, item.Data, json);
                }

                try
                {
                    await SseFormatter.WriteAsync(events, http.Response.Body, WriteJson, http.RequestAborted);
                }
                catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
                {
                    // The client closed the tail.
                }

                return Results.Empty;
            })
            .Produces<InspectedRequest>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("New requests as they are answered, as server-sent events (event \"request\", id = sequence); after=<sequence> or Last-Event-ID replays the kept ones after it first.");
        group.MapDelete("", () =>
            {
                log.Clear();
                return Results.NoContent();
            })
            .WithSummary("Forgets the kept requests.");
    }
}
