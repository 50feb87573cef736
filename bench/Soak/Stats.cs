using System.Globalization;

namespace Pictograph.Bench.Soak;

/// <summary>Requests by kind, their latencies and the errors, for the whole run and for the current report window.</summary>
internal sealed class Stats
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, KindStats> kinds = new(StringComparer.Ordinal);
    private readonly List<string> errorSamples = [];
    private List<double> window = [];
    private long windowErrors;

    public long Errors { get; private set; }

    public long Requests { get; private set; }

    public void Record(string kind, double milliseconds, string? error)
    {
        lock (gate)
        {
            if (!kinds.TryGetValue(kind, out var stats))
            {
                kinds[kind] = stats = new KindStats();
            }

            stats.Latencies.Add(milliseconds);
            window.Add(milliseconds);
            Requests++;
            if (error is not null)
            {
                Error(kind, error, stats);
            }
        }
    }

    /// <summary>An error that is not one request's answer (a webhook signature, a missing event, a dropped request).</summary>
    public void RecordError(string kind, string error)
    {
        lock (gate)
        {
            if (!kinds.TryGetValue(kind, out var stats))
            {
                kinds[kind] = stats = new KindStats();
            }

            Error(kind, error, stats);
        }
    }

    /// <summary>The window's request count, errors and p50/p99 since the last call, and a fresh window.</summary>
    public (int Requests, long Errors, double P50, double P99) TakeWindow()
    {
        List<double> taken;
        long errors;
        lock (gate)
        {
            (taken, window) = (window, []);
            (errors, windowErrors) = (windowErrors, 0);
        }

        taken.Sort();
        return (taken.Count, errors, Percentile(taken, 0.5), Percentile(taken, 0.99));
    }

    public string KindCounts()
    {
        lock (gate)
        {
            return string.Join(", ", kinds.Where(k => k.Value.Latencies.Count > 0)
                .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value.Latencies.Count}")));
        }
    }

    public IReadOnlyList<string> ErrorSamples()
    {
        lock (gate)
        {
            return [.. errorSamples];
        }
    }

    public List<string> Table()
    {
        lock (gate)
        {
            List<string> rows = [$"{"kind",-22} {"requests",9} {"errors",7} {"p50 ms",8} {"p99 ms",8}"];
            var all = new List<double>();
            foreach (var (kind, stats) in kinds)
            {
                var sorted = stats.Latencies.Order().ToList();
                all.AddRange(sorted);
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-22} {sorted.Count,9} {stats.Errors,7} {Percentile(sorted, 0.5),8:F1} {Percentile(sorted, 0.99),8:F1}"));
            }

            all.Sort();
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{"all",-22} {all.Count,9} {Errors,7} {Percentile(all, 0.5),8:F1} {Percentile(all, 0.99),8:F1}"));
            return rows;
        }
    }

    private void Error(string kind, string error, KindStats stats)
    {
        stats.Errors++;
        Errors++;
        windowErrors++;
        if (errorSamples.Count < 20)
        {
            errorSamples.Add($"{kind}: {error}");
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class KindStats
    {
        public List<double> Latencies { get; } = [];

        public long Errors { get; set; }
    }
}
