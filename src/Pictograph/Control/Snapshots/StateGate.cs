namespace Pictograph.Control.Snapshots;

/// <summary>
/// Keeps requests and whole-state replacements (restores and resets) apart. Every request but the control API's
/// passes through the gate; a replacement closes it, waits for the requests inside to finish, and opens it when
/// done. Without it a write that took its id before a reset and committed after it landed in the new world with an
/// id past the restored counters, and the next id handed out collided with it.
/// </summary>
public sealed class StateGate(ILogger<StateGate> logger)
{
    /// <summary>How long a replacement waits for the requests inside (a long upload, a slow client) before going ahead.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private int _inside;
    private TaskCompletionSource? _closed;
    private TaskCompletionSource? _drained;

    /// <summary>Enters for one request; waits while a replacement runs.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? wait;
            lock (_lock)
            {
                wait = _closed?.Task;
                if (wait is null)
                {
                    _inside++;
                    return;
                }
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Leave()
    {
        lock (_lock)
        {
            if (--_inside == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="replace"/> with the gate closed, once the requests inside have left (or
    /// <see cref="DrainLimit"/> has passed). The caller serialises replacements.
    /// </summary>
    public async Task ReplaceAsync(Func<Task> replace, CancellationToken cancellationToken)
    {
        Task drained;
        lock (_lock)
        {
            _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inside == 0)
            {
                _drained.TrySetResult();
            }

            drained = _drained.Task;
        }

        try
        {
            try
            {
                await drained.WaitAsync(DrainLimit, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Replacing the state while {Count} requests are still running after {Seconds} s", Volatile.Read(ref _inside), DrainLimit.TotalSeconds);
            }

            await replace().ConfigureAwait(false);
        }
        finally
        {
            TaskCompletionSource closed;
            lock (_lock)
            {
                closed = _closed!;
                _closed = null;
                _drained = null;
            }

            closed.TrySetResult();
        }
    }
}

public static class StateGateSetup
{
    /// <summary>Every request but the control API's is inside the gate while it runs.</summary>
    public static WebApplication UseStateGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<StateGate>();
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(ControlApi.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                await next(http);
                return;
            }

            await gate.EnterAsync(http.RequestAborted);
            try
            {
                await next(http);
            }
            finally
            {
                gate.Leave();
            }
        });
        return app;
    }
}
