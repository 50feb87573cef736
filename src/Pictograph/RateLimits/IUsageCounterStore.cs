using System.Collections.Concurrent;

namespace Pictograph.RateLimits;

/// <summary>
/// Where usage counters live: in process today, a shared store (Redis: INCRBY/SADD with expiry) later.
/// Every counter belongs to one fixed window; a counter of an older window reads as zero.
/// </summary>
public interface IUsageCounterStore
{
    /// <summary>The count of <paramref name="key"/> in <paramref name="window"/>.</summary>
    ValueTask<long> GetAsync(string key, long window, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="amount"/> and returns the new count.</summary>
    ValueTask<long> IncrementAsync(string key, long window, long amount, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="member"/> to the set <paramref name="key"/> and returns the set's size.</summary>
    ValueTask<long> AddToSetAsync(string key, long window, string member, CancellationToken cancellationToken);
}

/// <summary>Counters in this process's memory; each key keeps only its current window.</summary>
public sealed class InMemoryUsageCounterStore : IUsageCounterStore
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemberSet> _sets = new(StringComparer.Ordinal);

    public ValueTask<long> GetAsync(string key, long window, CancellationToken cancellationToken)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            return ValueTask.FromResult(0L);
        }

        lock (counter)
        {
            return ValueTask.FromResult(counter.Window == window ? counter.Count : 0L);
        }
    }

    public ValueTask<long> IncrementAsync(string key, long window, long amount, CancellationToken cancellationToken)
    {
        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Count = 0;
            }

            counter.Count += amount;
            return ValueTask.FromResult(counter.Count);
        }
    }

    public ValueTask<long> AddToSetAsync(string key, long window, string member, CancellationToken cancellationToken)
    {
        var set = _sets.GetOrAdd(key, _ => new MemberSet());
        lock (set)
        {
            if (set.Window != window)
            {
                set.Window = window;
                set.Members.Clear();
            }

            set.Members.Add(member);
            return ValueTask.FromResult((long)set.Members.Count);
        }
    }

    private sealed class Counter
    {
        public long Window { get; set; } = long.MinValue;

        public long Count { get; set; }
    }

    private sealed class MemberSet
    {
        public long Window { get; set; } = long.MinValue;

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    }
}
