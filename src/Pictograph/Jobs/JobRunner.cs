using Pictograph.Control.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;

namespace Pictograph.Jobs;

/// <summary>
/// Runs due jobs on this node. A job is claimed by one atomic UPDATE … RETURNING that sets a lease, so
/// several nodes on one database never run the same job at once; a node that dies leaves a lease that
/// runs out, and the job is claimed again. Results are fenced by the lease: a node whose lease was taken
/// over cannot mark the job finished. A node that restarts frees the jobs its previous life held at once,
/// since it knows its own name (<see cref="NodeIdentity"/>), rather than waiting for their leases to run out.
/// </summary>
public sealed partial class JobRunner : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<PictographDb> _dbFactory;
    private readonly JobQueue _queue;
    private readonly TimeProvider _clock;

    // Leases measure whether a node is alive, so they follow real time: moving the clock must not expire them.
    private readonly TimeProvider _leaseClock;
    private readonly PictographOptions _options;
    private readonly ILogger<JobRunner> _logger;
    private readonly Dictionary<string, IJobHandler> _handlers;

    public JobRunner(IDbContextFactory<PictographDb> dbFactory, JobQueue queue, ControlClock clock, IOptions<PictographOptions> options, NodeIdentity node, IEnumerable<IJobHandler> handlers, ILogger<JobRunner> logger)
    {
        NodeId = node.Id;
        _dbFactory = dbFactory;
        _queue = queue;
        _clock = clock;
        _leaseClock = clock.Base;
        // Work that the moved time made due runs at once.
        clock.Moved += queue.Wake;
        _options = options.Value;
        _logger = logger;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    }

    /// <summary>This node's name in leases.</summary>
    private string NodeId { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReleaseLeftoversAsync(stoppingToken).ConfigureAwait(false);
        if (!_options.RunJobs)
        {
            return;
        }

        var workers = Enumerable.Range(0, _options.JobWorkers).Select(_ => WorkAsync(stoppingToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOneAsync(stoppingToken).ConfigureAwait(false))
                {
                    await _queue.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing database must not stop the worker for good: log, wait, go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLoopFailed(e);
                await Task.Delay(IdlePoll, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Frees the jobs leased under this node's name, which no running process holds (the name is this
    /// process's alone): a previous life of this node was killed while running them.
    /// </summary>
    private async Task ReleaseLeftoversAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var released = await db.Jobs.Where(j => j.LeaseOwner == NodeId && j.State == JobState.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseUntil, (long?)null), cancellationToken).ConfigureAwait(false);
            if (released > 0)
            {
                LogReleased(released, NodeId);
            }
        }
#pragma warning disable CA1031 // Not fatal: the leases run out by themselves, as another node's would.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogReleaseFailed(e);
        }
    }

    /// <summary>Claims and runs one due job; false when there was none.</summary>
    private async Task<bool> RunOneAsync(CancellationToken cancellationToken)
    {
        var job = await ClaimAsync(cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return false;
        }

        JobOutcome outcome;
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            outcome = JobOutcome.Fail($"No handler for job kind {job.Kind}");
        }
        else
        {
            using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var heartbeat = RenewLeaseAsync(job.Id, running.Token);
            try
            {
                outcome = await handler.RunAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the lease runs out and another run picks the job up.
                throw;
            }
#pragma warning disable CA1031 // A handler's bug fails its job (retried later), never the runner.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogJobFailed(e, job.Kind, job.Id, job.Attempts);
                outcome = JobOutcome.RetryAt(_clock.GetUtcNow() + Backoff(job.Attempts), e.GetType().Name + ": " + e.Message);
            }
            finally
            {
                await running.CancelAsync().ConfigureAwait(false);
                await heartbeat.ConfigureAwait(false);
            }
        }

        await CompleteAsync(job, outcome, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Keeps the lease of a running job alive (every third of the lease), so a job that runs longer than
    /// the lease is not taken over while its node is alive; only a dead node's lease runs out.
    /// </summary>
    private async Task RenewLeaseAsync(long jobId, CancellationToken cancellationToken)
    {
        var every = _options.JobLease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                try
                {
                    var until = _leaseClock.GetUtcNow().ToUnixTimeMilliseconds() + (long)_options.JobLease.TotalMilliseconds;
                    await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                    await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == NodeId)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A missed renewal is not fatal: the next one may succeed, and results are fenced anyway.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogRenewFailed(e, jobId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The job ended (or the node is stopping): nothing more to renew.
        }
    }

    /// <summary>Exponential back-off for unexpected failures: 2 s, 4 s … capped at 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, Math.Clamp(attempts, 1, 10))));

    // Compiled: every worker asks it after every write that wakes the queue.
    private static readonly Func<PictographDb, long, long, int, Task<bool>> AnyDue =
        EF.CompileAsyncQuery((PictographDb db, long due, long now, int perAccount) => db.Jobs.AsNoTracking()
            .Any(j => j.State == JobState.Pending && j.RunAt <= due && (j.LeaseUntil == null || j.LeaseUntil < now)
                && (j.AccountId == null || db.Jobs.Count(r => r.AccountId == j.AccountId && r.State == JobState.Pending && r.LeaseUntil >= now) < perAccount)));

    private async Task<JobRun?> ClaimAsync(CancellationToken cancellationToken)
    {
        var due = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var now = _leaseClock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)_options.JobLease.TotalMilliseconds;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var perAccount = _options.JobsPerAccount;
        // A cheap read first, so idle nodes (and nodes whose due jobs all wait for their account) poll without taking the write lock.
        if (!await AnyDue(db, due, now, perAccount).ConfigureAwait(false))
        {
            return null;
        }

        // Running jobs are the pending ones under a live lease; an account that has its share running waits its turn.
        var claimed = await db.Database.SqlQuery<JobRun>($"""
            UPDATE "Jobs" SET "LeaseOwner" = {NodeId}, "LeaseUntil" = {until}, "Attempts" = "Attempts" + 1
            WHERE "Id" = (SELECT j."Id" FROM "Jobs" AS j
                          WHERE j."State" = 'Pending' AND j."RunAt" <= {due} AND (j."LeaseUntil" IS NULL OR j."LeaseUntil" < {now})
                            AND (j."AccountId" IS NULL OR (SELECT COUNT(*) FROM "Jobs" AS r
                                 WHERE r."AccountId" = j."AccountId" AND r."State" = 'Pending' AND r."LeaseUntil" >= {now}) < {perAccount})
                          ORDER BY j."RunAt", j."Id" LIMIT 1)
              AND "State" = 'Pending' AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
            RETURNING "Id", "Kind", "Payload", "Attempts"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return claimed.Count == 1 ? claimed[0] : null;
    }

    private async Task CompleteAsync(JobRun job, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var mine = db.Jobs.Where(j => j.Id == job.Id && j.LeaseOwner == NodeId);
        var updated = outcome switch
        {
            JobOutcome.Retry retry => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.RunAt, retry.At.ToUnixTimeMilliseconds())
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (long?)null)
                .SetProperty(j => j.LastError, Truncate(retry.Reason)), cancellationToken).ConfigureAwait(false),
            JobOutcome.Failed failed => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Failed)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (long?)null)
                .SetProperty(j => j.LastError, Truncate(failed.Reason)), cancellationToken).ConfigureAwait(false),
            _ => await mine.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Done)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (long?)null), cancellationToken).ConfigureAwait(false),
        };
        if (updated == 0)
        {
            LogLeaseLost(job.Kind, job.Id);
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released {Count} jobs that node {Node} held when it stopped unexpectedly")]
    private partial void LogReleased(int count, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the jobs this node held before a restart failed; their leases will run out")]
    private partial void LogReleaseFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job loop failed; retrying")]
    private partial void LogLoopFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {Id} failed on attempt {Attempts}; it will be retried")]
    private partial void LogJobFailed(Exception e, string kind, long id, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of job {Id} failed")]
    private partial void LogRenewFailed(Exception e, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {Id} finished after its lease was taken over; its outcome was not recorded")]
    private partial void LogLeaseLost(string kind, long id);
}
