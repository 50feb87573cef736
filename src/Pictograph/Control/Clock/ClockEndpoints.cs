using System.Globalization;
using System.Text.Json;

namespace Pictograph.Control.Clock;

/// <summary><c>/_pictograph/clock</c>: read, set, advance and release the server's clock.</summary>
public sealed class ClockEndpoints(ControlClock clock) : IControlEndpoints
{
    /// <summary>The clock as the control API shows it.</summary>
    public sealed record ClockState(string Now, long Unix, bool Frozen, double OffsetSeconds);

    /// <summary>A new time: an ISO 8601 instant or Unix seconds (string or number); frozen stops it there.</summary>
    public sealed record SetClock(JsonElement Time, bool Frozen = false);

    /// <summary>How far to move forward: "90s", "2h", "3d", "1w", "PT1H", or seconds as a number.</summary>
    public sealed record AdvanceClock(JsonElement By);

    public void Map(RouteGroupBuilder control)
    {
        var group = control.MapGroup("/clock").WithTags("Clock");
        group.MapGet("", () => TypedResults.Ok(State()))
            .WithSummary("The server's current time.");
        group.MapPut("", (SetClock body) =>
            {
                if (!TryInstant(body.Time, out var now))
                {
                    return ControlProblems.BadRequest("time must be an ISO 8601 instant (2026-06-01T12:00:00Z) or Unix seconds between 0 and 253402300799.");
                }

                clock.Set(now, body.Frozen);
                return TypedResults.Ok(State());
            })
            .WithSummary("Sets the time; frozen, the clock stays there until it is set or advanced again.");
        group.MapPost("/advance", (AdvanceClock body) =>
            {
                if (!TrySpan(body.By, out var by) || by < TimeSpan.Zero)
                {
                    return ControlProblems.BadRequest("by must be a span forward: \"90s\", \"15m\", \"2h\", \"3d\", \"1w\", an ISO 8601 duration, or seconds as a number.");
                }

                if (clock.GetUtcNow() > DateTimeOffset.MaxValue - by)
                {
                    return ControlProblems.BadRequest("That would move the clock past the year 9999.");
                }

                clock.Advance(by);
                return TypedResults.Ok(State());
            })
            .WithSummary("Moves the time forward: tokens, codes, containers, stories, windows and retries that fall due happen now.");
        group.MapDelete("", () =>
            {
                clock.Reset();
                return TypedResults.Ok(State());
            })
            .WithSummary("Back to real time.");
    }

    private ClockState State()
    {
        var now = clock.GetUtcNow();
        return new ClockState(now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture), now.ToUnixTimeSeconds(), clock.Frozen, (now - clock.Base.GetUtcNow()).TotalSeconds);
    }

    private static bool TryInstant(JsonElement value, out DateTimeOffset instant)
    {
        instant = default;
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var unix) && unix is >= 0 and <= 253_402_300_799 && Set(DateTimeOffset.FromUnixTimeSeconds(unix), out instant);
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text)
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= 253_402_300_799 && Set(DateTimeOffset.FromUnixTimeSeconds(seconds), out instant);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    private static bool Set(DateTimeOffset value, out DateTimeOffset instant)
    {
        instant = value;
        return true;
    }

    private static bool TrySpan(JsonElement value, out TimeSpan span)
    {
        span = default;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var seconds) && Durations.TryParse(seconds.ToString(CultureInfo.InvariantCulture), out span),
            JsonValueKind.String => Durations.TryParse(value.GetString(), out span),
            _ => false,
        };
    }
}
