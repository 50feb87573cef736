using System.Globalization;

namespace Pictograph.Bench.Soak;

/// <summary>The run's settings, from SOAK_* environment variables (see bench/README.md).</summary>
internal sealed record SoakOptions
{
    public required string Server { get; init; }
    public int Seconds { get; init; } = 600;
    public int WarmupSeconds { get; init; } = 60;
    public double Rate { get; init; } = 200;
    public double PublishSeconds { get; init; } = 3;
    public int ReportSeconds { get; init; } = 60;
    public int RssBoundMiB { get; init; } = 64;
    public int RssPerConnectionMiB { get; init; } = 2;
    public int FdMargin { get; init; } = 16;
    public int WalBoundMiB { get; init; } = 32;
    public int BytesPerWriteBound { get; init; } = 4096;
    public int DrainSeconds { get; init; } = 60;
    public int MaxInFlight { get; init; } = 1000;
    public bool Keep { get; init; }

    public static SoakOptions FromEnvironment(string defaultServer) => new()
    {
        Server = Path.GetFullPath(Environment.GetEnvironmentVariable("SOAK_SERVER") ?? defaultServer),
        Seconds = Int("SOAK_SECONDS", 600),
        WarmupSeconds = Int("SOAK_WARMUP", 60),
        Rate = Double("SOAK_RATE", 200),
        PublishSeconds = Double("SOAK_PUBLISH_EVERY", 3),
        ReportSeconds = Int("SOAK_REPORT_EVERY", 60),
        RssBoundMiB = Int("SOAK_RSS_BOUND_MIB", 64),
        RssPerConnectionMiB = Int("SOAK_RSS_PER_CONNECTION_MIB", 2),
        FdMargin = Int("SOAK_FD_MARGIN", 16),
        WalBoundMiB = Int("SOAK_WAL_BOUND_MIB", 32),
        BytesPerWriteBound = Int("SOAK_BYTES_PER_WRITE", 4096),
        DrainSeconds = Int("SOAK_DRAIN", 60),
        // Five seconds of load: a server that falls further behind than that is failing, not slow.
        MaxInFlight = Int("SOAK_MAX_IN_FLIGHT", (int)(Double("SOAK_RATE", 200) * 5)),
        Keep = Environment.GetEnvironmentVariable("SOAK_KEEP") == "1",
    };

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static double Double(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
