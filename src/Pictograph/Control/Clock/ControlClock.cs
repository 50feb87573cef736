namespace Pictograph.Control.Clock;

/// <summary>
/// The server's one clock: the base clock (the system's, or a test's) shifted by an offset the control API
/// sets, or frozen at an instant. Everything that reads "now" reads this, so moving it expires tokens, codes,
/// containers, stories and windows alike. Elapsed-time measurements (<see cref="GetTimestamp"/>) and timers
/// follow the base clock: moving the clock does not make a request take longer.
/// </summary>
public sealed class ControlClock(TimeProvider baseClock) : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    /// <summary>Raised after the clock was set or advanced, so waiting work can look at the new time.</summary>
    public event Action? Moved;

    /// <summary>The clock the offset applies to; certificates follow it, not the moved time.</summary>
    public TimeProvider Base => baseClock;

    public bool Frozen
    {
        get
        {
            lock (_gate)
            {
                return _frozenAt is not null;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _frozenAt ?? baseClock.GetUtcNow() + _offset;
        }
    }

    public override long GetTimestamp() => baseClock.GetTimestamp();

    public override long TimestampFrequency => baseClock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => baseClock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        baseClock.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets the time; frozen, it stays there until set or advanced again; otherwise it runs on from there.</summary>
    public void Set(DateTimeOffset now, bool frozen)
    {
        lock (_gate)
        {
            _frozenAt = frozen ? now : null;
            _offset = frozen ? TimeSpan.Zero : now - baseClock.GetUtcNow();
        }

        Moved?.Invoke();
    }

    /// <summary>Moves the time forward (a frozen clock stays frozen, at the later instant).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }
        }

        Moved?.Invoke();
    }

    /// <summary>Back to the base clock's time, running.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _frozenAt = null;
            _offset = TimeSpan.Zero;
        }

        Moved?.Invoke();
    }
}
