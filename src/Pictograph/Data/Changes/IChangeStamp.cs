namespace Pictograph.Data.Changes;

/// <summary>
/// Which committed state of the database a reader would see, the one signal every kept copy is checked against
/// (kept answers, token lookups): a commit by any connection of any process gives a new stamp, and an unchanged
/// stamp means nothing was committed in between. Read it before reading what is kept under it: then a copy may
/// be newer than its stamp, never older.
/// </summary>
public interface IChangeStamp
{
    /// <summary>The current stamp, or null when the database gives none (then nothing may be kept).</summary>
    ValueTask<ChangeStamp?> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stamp: equal stamps mean the same committed state.</summary>
public readonly record struct ChangeStamp(long Value);
