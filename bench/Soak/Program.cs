using System.Diagnostics;
using System.Globalization;
using Pictograph.Bench.Soak;

// bench/Soak: starts `pictograph serve` on a fresh data directory with the demo fixture and drives a steady
// mix of reads, writes, publishes and webhook deliveries for SOAK_SECONDS, reporting every SOAK_REPORT_EVERY
// seconds; at the end it checks the bounds (no errors, RSS, file handles, database and -wal growth, every
// webhook event received) and exits 1 when one is broken.
//
//   dotnet run -c Release --project bench/Soak      (settings: SOAK_* environment variables, see bench/README.md)
var defaultServer = Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pictograph/bin/Release/net10.0/pictograph");
var options = SoakOptions.FromEnvironment(defaultServer);
if (!File.Exists(options.Server))
{
    Console.Error.WriteLine($"no server at {options.Server}: build it first (dotnet build src/Pictograph -c Release) or set SOAK_SERVER");
    return 2;
}

var work = Directory.CreateTempSubdirectory("pictograph-soak.").FullName;
var data = Path.Combine(work, "data");
Directory.CreateDirectory(data);
try
{
    return await Soak.RunAsync(options, data, Path.Combine(work, "server.log"));
}
finally
{
    if (options.Keep)
    {
        Console.WriteLine($"data kept in {work}");
    }
    else
    {
        Directory.Delete(work, recursive: true);
    }
}

/// <summary>The run: set-up, the timed load with its reports, the drain and the checks.</summary>
internal static class Soak
{
    public static async Task<int> RunAsync(SoakOptions options, string data, string logPath)
    {
        var (appId, appSecret, basicToken) = await ServerProcess.SeedAsync(options.Server, data);
        var shopToken = await ServerProcess.IssueTokenAsync(options.Server, data, "example_shop",
            "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments,instagram_business_manage_insights");
        var stats = new Stats();
        await using var receiver = new WebhookReceiver(appSecret, stats);
        var callback = await receiver.StartAsync();
        using var server = await ServerProcess.StartAsync(options.Server, data, logPath);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            // A fixed pool held for the whole run, so the server's socket count does not follow the client's whims.
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromHours(1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var graph = new GraphClient(http, stats);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server {server.BaseUri} (pid {server.Pid}), data {data}; {options.Seconds} s at {options.Rate:F0} req/s, a publish every {options.PublishSeconds:F1} s, warm-up {options.WarmupSeconds} s; {Environment.ProcessorCount} cores"));
        if (await graph.SendAsync("setup", HttpMethod.Post, $"/{appId}/subscriptions", null,
                [new("object", "instagram"), new("callback_url", callback.ToString()), new("verify_token", "soak"),
                 new("fields", "comments"), new("access_token", $"{appId}|{appSecret}")]) is null
            || await graph.SendAsync("setup", HttpMethod.Post, "/me/subscribed_apps?subscribed_fields=comments", shopToken) is null)
        {
            Console.Error.WriteLine($"could not subscribe the demo app's callback: {string.Join("; ", stats.ErrorSamples())}");
            return 1;
        }

        var traffic = new Traffic(graph, stats, shopToken, basicToken);
        await traffic.PrepareAsync();
        var mix = traffic.Mix();
        var totalWeight = mix.Sum(m => m.Weight);

        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var inFlight = 0;
        var samples = new List<Sample>();
        Sample? warm = null;
        long warmWrites = 0;
        var nextReport = TimeSpan.FromSeconds(options.ReportSeconds);
        var nextSample = TimeSpan.Zero;
        var nextPublish = TimeSpan.Zero;
        long launched = 0;

        // The rate climbs from a tenth to the full rate over the first half of the warm-up (at most 30 s), so the
        // cold server's JIT and first connections do not meet the full load at once.
        var ramp = Math.Min(30, options.WarmupSeconds / 2.0);
        long Due(double t) => (long)(options.Rate * (t < ramp
            ? (0.1 * t) + (0.45 * t * t / ramp)
            : (0.55 * ramp) + (t - ramp)));

        void Launch(Func<Task> run)
        {
            if (Interlocked.Increment(ref inFlight) > options.MaxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                stats.RecordError("scheduler", $"dropped: {options.MaxInFlight} requests already in flight");
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await run();
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
        }

        while (clock.Elapsed < duration)
        {
            var now = clock.Elapsed;
            for (var due = Due(now.TotalSeconds); launched < due; launched++)
            {
                var pick = Random.Shared.Next(totalWeight);
                var op = mix.First(m => (pick -= m.Weight) < 0);
                Launch(op.Run);
            }

            if (now >= nextPublish)
            {
                Launch(traffic.PublishAsync);
                nextPublish += TimeSpan.FromSeconds(options.PublishSeconds);
            }

            if (now >= nextSample)
            {
                samples.Add(Sample.Take(now, server.Pid, data));
                nextSample += TimeSpan.FromSeconds(5);
                if (warm is null && now >= TimeSpan.FromSeconds(options.WarmupSeconds))
                {
                    warm = samples[^1];
                    warmWrites = traffic.Writes;
                    Console.WriteLine($"warm-up done: {Line(warm)}");
                }
            }

            if (now >= nextReport)
            {
                Report(now, samples[^1]);
                nextReport += TimeSpan.FromSeconds(options.ReportSeconds);
            }

            if (server.HasExited)
            {
                stats.RecordError("server", "the server exited");
                break;
            }

            await Task.Delay(5);
        }

        Console.WriteLine("load stopped; waiting for requests in flight and webhook deliveries");
        var drain = Stopwatch.StartNew();
        while (Volatile.Read(ref inFlight) > 0 && drain.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        while (traffic.Expected.Keys.Any(id => !receiver.Received.ContainsKey(id)) && drain.Elapsed < TimeSpan.FromSeconds(options.DrainSeconds))
        {
            await Task.Delay(250);
        }

        var missing = traffic.Expected.Keys.Where(id => !receiver.Received.ContainsKey(id)).ToList();
        foreach (var id in missing.Take(5))
        {
            stats.RecordError("webhook", $"no event for comment {id} within {options.DrainSeconds} s after the load");
        }

        if (missing.Count > 5)
        {
            stats.RecordError("webhook", $"… and {missing.Count - 5} more events missing");
        }

        var end = Sample.Take(clock.Elapsed, server.Pid, data);
        samples.Add(end);
        warm ??= samples[0];
        var serverErrors = server.ErrorLines;
        if (serverErrors > 0)
        {
            stats.RecordError("server", $"{serverErrors} fail/crit lines in the server's log");
        }

        Console.WriteLine();
        Console.WriteLine("requests by kind (latency from sending to the last byte read, client-side queueing included)");
        foreach (var row in stats.Table())
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine($"warm-up: {Line(warm)}");
        Console.WriteLine($"end:     {Line(end)}");
        var steady = samples.Where(s => s.At >= warm.At).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after warm-up, least-squares trend per minute: RSS {Slope(steady, s => s.RssKiB / 1024.0):+0.0;-0.0} MiB, anon {Slope(steady, s => s.AnonKiB / 1024.0):+0.0;-0.0} MiB, files {Slope(steady, s => s.Files):+0.0;-0.0}, SQLite connections {Slope(steady, s => s.Databases / 2.0):+0.0;-0.0}, threads {Slope(steady, s => s.Threads):+0.0;-0.0}; RSS {Sample.MiB(steady.Min(s => s.RssKiB) * 1024)}–{Sample.MiB(steady.Max(s => s.RssKiB) * 1024)} MiB, threads {steady.Min(s => s.Threads)}–{steady.Max(s => s.Threads)}"));
        var duplicates = receiver.Received.Values.Count(n => n > 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook events: {traffic.Expected.Count} raised, {server.Delivered} sent, {receiver.Received.Count(r => traffic.Expected.ContainsKey(r.Key))} received ({receiver.Posts} POSTs, {duplicates} ids more than once), {missing.Count} missing"));
        var writes = traffic.Writes - warmWrites;
        var dbGrowth = end.DbBytes - warm.DbBytes;
        var maxWal = samples.Max(s => s.WalBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after warm-up: {writes} rows written (comments, replies, posts), {traffic.Publishes} posts published in all; database +{Sample.MiB(dbGrowth)} MiB = {(writes > 0 ? dbGrowth / writes : 0)} bytes per row written; largest -wal {Sample.MiB(maxWal)} MiB; media +{Sample.MiB(end.MediaBytes - warm.MediaBytes)} MiB"));

        Console.WriteLine();
        var failed = 0;
        void Check(bool ok, string what)
        {
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
            failed += ok ? 0 : 1;
        }

        Check(stats.Errors == 0, $"errors: {stats.Errors}");
        foreach (var sample in stats.ErrorSamples())
        {
            Console.WriteLine($"     {sample}");
        }

        Check(missing.Count == 0, $"every webhook event received ({missing.Count} missing)");
        // SQLite keeps a page cache of up to 2 MiB (its default cache_size) in each pooled connection, and the pool
        // grows to the highest concurrency seen; that growth is bounded by the pool check below, not a leak.
        var newConnections = Math.Max(0, (end.Databases - warm.Databases) / 2);
        var rssBound = options.RssBoundMiB + (options.RssPerConnectionMiB * newConnections);
        Check(end.RssKiB <= warm.RssKiB + (rssBound * 1024L),
            $"RSS at the end {Sample.MiB(end.RssKiB * 1024)} MiB <= after warm-up {Sample.MiB(warm.RssKiB * 1024)} + {options.RssBoundMiB} MiB + {options.RssPerConnectionMiB} MiB × {newConnections} new SQLite connections = +{rssBound} MiB");
        Check(end.Files <= warm.Files + options.FdMargin,
            $"open files (not sockets or SQLite's) flat: {warm.Files} after warm-up, {end.Files} at the end (margin {options.FdMargin})");
        Check(samples.Max(s => s.Databases) <= 2 * (64 + options.FdMargin),
            $"SQLite connections bounded by the client's pool: at most {samples.Max(s => s.Databases) / 2} (64 client connections + {options.FdMargin}; two files each)");
        Check(samples.Max(s => s.Sockets) <= 64 + 2 * options.FdMargin,
            $"sockets bounded by the client's pool: at most {samples.Max(s => s.Sockets)} (64 client connections + {2 * options.FdMargin})");
        Check(maxWal <= options.WalBoundMiB * 1048576L, $"-wal checkpointed: largest {Sample.MiB(maxWal)} MiB <= {options.WalBoundMiB} MiB");
        Check(writes == 0 || dbGrowth / writes <= options.BytesPerWriteBound,
            $"database growth follows the rows written: {(writes > 0 ? dbGrowth / writes : 0)} <= {options.BytesPerWriteBound} bytes per row");
        return failed == 0 ? 0 : 1;

        void Report(TimeSpan at, Sample sample)
        {
            var (requests, errors, p50, p99) = stats.TakeWindow();
            var previous = samples.LastOrDefault(s => s.At <= at - TimeSpan.FromSeconds(options.ReportSeconds)) ?? samples[0];
            var cpu = (sample.CpuSeconds - previous.CpuSeconds) / Math.Max(1, (sample.At - previous.At).TotalSeconds) * 100;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{at:mm\\:ss}] {requests / (double)options.ReportSeconds:F1} req/s, {errors} errors ({stats.Errors} in all), p50 {p50:F1} ms, p99 {p99:F1} ms, {Volatile.Read(ref inFlight)} in flight | server CPU {cpu:F0}%, soak CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0} s | {Line(sample)} | webhooks {traffic.Expected.Count} raised, {server.Delivered} sent, {receiver.Received.Count} received | posts {traffic.Publishes}"));
            Console.WriteLine($"        {stats.KindCounts()}");
        }
    }

    private static double Slope(List<Sample> samples, Func<Sample, double> value)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanT = samples.Average(s => s.At.TotalMinutes);
        var meanV = samples.Average(value);
        var covariance = samples.Sum(s => (s.At.TotalMinutes - meanT) * (value(s) - meanV));
        var variance = samples.Sum(s => Math.Pow(s.At.TotalMinutes - meanT, 2));
        return variance == 0 ? 0 : covariance / variance;
    }

    private static string Line(Sample s) => string.Create(CultureInfo.InvariantCulture,
        $"CPU {s.CpuSeconds:F0} s, RSS {Sample.MiB(s.RssKiB * 1024)} MiB (anon {Sample.MiB(s.AnonKiB * 1024)}, peak {Sample.MiB(s.PeakRssKiB * 1024)}), fds {s.Files} files + {s.Databases} database + {s.Sockets} sockets, {s.Threads} threads, db {Sample.MiB(s.DbBytes)} MiB + wal {Sample.MiB(s.WalBytes)} MiB, media {Sample.MiB(s.MediaBytes)} MiB");
}
