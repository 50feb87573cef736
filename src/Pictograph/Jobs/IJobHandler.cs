namespace Pictograph.Jobs;

/// <summary>Runs the jobs of one kind. Handlers must tolerate running a job again after a crash (at-least-once).</summary>
public interface IJobHandler
{
    /// <summary>The <see cref="Data.Job.Kind"/> this handler runs, e.g. "publishing.process".</summary>
    string Kind { get; }

    Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken);
}

/// <summary>One claim of a job: its payload and how many times it has been claimed (this one included).</summary>
public sealed record JobRun(long Id, string Kind, string Payload, int Attempts);

/// <summary>What became of a run.</summary>
public abstract record JobOutcome
{
    public static readonly JobOutcome Done = new Completed();

    public static JobOutcome RetryAt(DateTimeOffset at, string reason) => new Retry(at, reason);

    public static JobOutcome Fail(string reason) => new Failed(reason);

    public sealed record Completed : JobOutcome;

    public sealed record Retry(DateTimeOffset At, string Reason) : JobOutcome;

    public sealed record Failed(string Reason) : JobOutcome;
}
