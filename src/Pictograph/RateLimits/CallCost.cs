using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pictograph.RateLimits;

/// <summary>
/// What one HTTP call costs the server, measured from its first charge to the start of its response (the answer
/// is fully loaded and rendered by then): the elapsed time, and the CPU time of the thread that ran it, read from
/// the thread's own clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). A call that moved to another thread while it
/// waited, or a system without that clock, is charged its elapsed time as CPU time: never less than it used.
/// Elapsed time is real time (a stopwatch), not the injected clock: it measures work, not dates.
/// </summary>
internal sealed class CallCost
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly int _thread = Environment.CurrentManagedThreadId;
    private readonly TimeSpan? _cpu = ThreadCpuTime();

    public (TimeSpan Cpu, TimeSpan Elapsed) Measure()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var cpu = Environment.CurrentManagedThreadId == _thread && _cpu is { } start && ThreadCpuTime() is { } now
            ? now - start
            : elapsed;
        return (cpu < elapsed ? cpu : elapsed, elapsed);
    }

    private static TimeSpan? ThreadCpuTime()
    {
        const int ThreadCpuClock = 3;
        return OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0
            ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100))
            : null;
    }

    // DllImport rather than LibraryImport: a blittable out struct needs no marshalling, and no unsafe code here.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
