namespace Pictograph.Publishing;

public enum ProcessingKind
{
    /// <summary>Processed as soon as a worker is free (Instagram's behaviour, and the default).</summary>
    Immediate,

    /// <summary>Processing starts a set time (by the server's clock) after the container is made.</summary>
    Delayed,

    /// <summary>A container stays IN_PROGRESS until the control API advances it.</summary>
    Manual,
}

/// <summary>
/// When new containers are processed, set through the control API so a client's polling of <c>status_code</c>
/// can be tested. A delayed or held container is an ordinary processing job whose start is in the future, so
/// a restart keeps it waiting and moving the clock makes a delayed one due.
/// </summary>
public sealed class ProcessingMode(TimeProvider clock)
{
    /// <summary>The start of a held job: the last instant a job's time can name.</summary>
    public static readonly DateTimeOffset Held = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private (ProcessingKind Kind, TimeSpan Delay) _mode = (ProcessingKind.Immediate, TimeSpan.Zero);

    public (ProcessingKind Kind, TimeSpan Delay) Current
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    public void Set(ProcessingKind kind, TimeSpan delay)
    {
        lock (_gate)
        {
            _mode = (kind, kind == ProcessingKind.Delayed ? delay : TimeSpan.Zero);
        }
    }

    /// <summary>When a container made now is to be processed; null for at once.</summary>
    public DateTimeOffset? StartOfNew()
    {
        var (kind, delay) = Current;
        return kind switch
        {
            ProcessingKind.Delayed => clock.GetUtcNow() + delay,
            ProcessingKind.Manual => Held,
            _ => null,
        };
    }
}
