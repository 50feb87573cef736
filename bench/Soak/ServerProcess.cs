using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pictograph.Bench.Soak;

/// <summary>
/// The server under test: a fresh data directory seeded with the demo fixture, tokens issued with the CLI,
/// then <c>serve</c> on a free port with the budgets and quotas lifted (as bench/run does) and loopback allowed
/// for fetching its own photos and calling the soak's webhook receiver.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, string dataDirectory, string logPath)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        LogPath = logPath;
    }

    public string DataDirectory { get; }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public string LogPath { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Seeds the demo world and returns the app id, its secret and the Basic Display token it prints.</summary>
    public static async Task<(string AppId, string AppSecret, string BasicToken)> SeedAsync(string server, string dataDirectory)
    {
        var output = await RunAsync(server, ["seed", "--data-dir", dataDirectory]);
        var app = SeededApp().Match(output);
        var token = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("IGQ", StringComparison.Ordinal));
        if (!app.Success || token is null)
        {
            throw new InvalidOperationException($"no app or token in the output of seed:\n{output}");
        }

        return (app.Groups[1].Value, app.Groups[2].Value, token);
    }

    public static async Task<string> IssueTokenAsync(string server, string dataDirectory, string user, string scopes)
    {
        var output = await RunAsync(server, ["tokens", "issue", "--data-dir", dataDirectory, "--user", user, "--scopes", scopes]);
        return output.Trim().Split('\n')[^1].Trim();
    }

    public static async Task<ServerProcess> StartAsync(string path, string dataDirectory, string logPath)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[
            "serve", "--port", "0", "--data-dir", dataDirectory,
            "--Pictograph:UserCallsPerWindow=100000000", "--Pictograph:AppCallsPerUser=100000000",
            "--Pictograph:BusinessCallsPerWindow=100000000", "--Pictograph:PublishingQuota=100000",
            "--Pictograph:ContainersPerDay=1000000", "--Pictograph:CpuTimePerUser=30.00:00:00",
            "--Pictograph:TotalTimePerUser=30.00:00:00", "--Pictograph:OutboundAllowList:0=127.0.0.0/8"])
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
        var server = new ServerProcess(process, dataDirectory, logPath);
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.WriteLine(line);
            }

            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref server.errorLines);
            }
            else if (line.EndsWith("now Delivered", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref server.delivered);
            }

            var match = Listening().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/')));
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the server did not start; see {logPath}");
        }

        server.BaseUri = await listening.Task;
        return server;
    }

    /// <summary>Lines the server logged at the error levels (the console logger's <c>fail:</c> and <c>crit:</c>).</summary>
    public int ErrorLines => Volatile.Read(ref errorLines);

    /// <summary>Webhook deliveries the server logged as delivered: the events it sent.</summary>
    public int Delivered => Volatile.Read(ref delivered);

    private int errorLines;
    private int delivered;

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static async Task<string> RunAsync(string server, string[] args)
    {
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {server}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var (error, output) = (await stderr, await stdout);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"pictograph {string.Join(' ', args)} exited with {process.ExitCode}: {error}{output}"));
        }

        return await stdout;
    }

    [GeneratedRegex(@"app (\d+) \(secret ([0-9a-f]+)\)")]
    private static partial Regex SeededApp();

    [GeneratedRegex(@"^Pictograph is listening on (http\S+)")]
    private static partial Regex Listening();
}
