using System.Text.Json;
using Pictograph.Data;

namespace Pictograph.Jobs;

/// <summary>
/// The durable job table's client side: jobs are added to the caller's own unit of work, so a job exists
/// exactly when the change that needs it commits; <see cref="Wake"/> then starts this node's runner at once.
/// </summary>
public sealed class JobQueue(TimeProvider clock)
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>
    /// Adds a job to <paramref name="db"/>; it is queued when the caller saves changes. A job for an
    /// <paramref name="accountId"/> waits while that account already has its share of jobs running.
    /// </summary>
    public Job Enqueue<TPayload>(PictographDb db, string kind, TPayload payload, DateTimeOffset? runAt = null, long? accountId = null)
    {
        var now = clock.GetUtcNow();
        var job = new Job
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload),
            State = JobState.Pending,
            RunAt = (runAt ?? now).ToUnixTimeMilliseconds(),
            AccountId = accountId,
            CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        db.Jobs.Add(job);
        return job;
    }

    /// <summary>Tells this node's runner that jobs were committed (other nodes find them by polling).</summary>
    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
