using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Execution;

/// <summary>What the engine needs to know about the request it is answering.</summary>
public sealed class GraphContext
{
    private long _answerExpiresTicks = long.MaxValue;
    private long _items;

    /// <summary>The host's services, for loaders (the engine itself uses none).</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>Permissions the caller's token carries.</summary>
    public required IReadOnlySet<string> Permissions { get; init; }

    public required CursorCodec Cursors { get; init; }

    public required PagingLinks Links { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The most items one answer may hold: each node it holds counts one for each of its fields (and for its
    /// appended id). Counted as each level loads, so a request past it fails before loading the next level.
    /// </summary>
    public int MaxItems { get; init; } = int.MaxValue;

    /// <summary>Adds the items of <paramref name="nodes"/> nodes of <paramref name="fields"/> fields, or fails past <see cref="MaxItems"/>.</summary>
    internal void CountItems(int nodes, int fields)
    {
        if (Interlocked.Add(ref _items, (long)nodes * fields) > MaxItems)
        {
            throw Errors.GraphErrors.TooMuchData(MaxItems);
        }
    }

    public bool HasPermission(string permission) => Permissions.Contains(permission);

    /// <summary>
    /// When the answer being built stops being true with no write to the data (a story expiring, a signed
    /// URL rolling over): the earliest time any loader or field reported; null while none depends on the
    /// clock. A host that keeps answers must not serve this one from then on.
    /// </summary>
    public DateTimeOffset? AnswerExpires
    {
        get
        {
            var ticks = Interlocked.Read(ref _answerExpiresTicks);
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Reports that part of the answer holds only until <paramref name="time"/> (now: only at this instant).</summary>
    public void AnswerExpiresBy(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var seen = Interlocked.Read(ref _answerExpiresTicks);
        while (ticks < seen)
        {
            var previous = Interlocked.CompareExchange(ref _answerExpiresTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

/// <summary>How to build absolute <c>paging.next</c>/<c>previous</c> URLs that a client can follow verbatim.</summary>
/// <param name="BaseUrl">Origin plus version segment, e.g. <c>http://127.0.0.1:5080/v21.0</c>.</param>
/// <param name="AccessToken">The caller's token, carried in every link (as Instagram's links do).</param>
/// <param name="RootParameters">The request's own parameters, repeated in the links of the edge named in the path.</param>
public sealed record PagingLinks(string BaseUrl, string? AccessToken, IReadOnlyList<KeyValuePair<string, string>> RootParameters);
