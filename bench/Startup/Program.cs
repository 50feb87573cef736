using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

// bench/Startup: starts the built server N times and reports the median and p90 of process start to
// the first answered Graph API request, for a cold start (an empty data directory, seeding included),
// a warm start (the same data directory again) and both with seeding off.
//
//   dotnet run -c Release --project bench/Startup -- [--server PATH] [--runs N] [server options...]
//
// PATH is the server's apphost or dll (default: the Release build of src/Pictograph); a .dll runs
// through `dotnet`. Options after the known ones are passed to `serve` (e.g. --Pictograph:SeedDemo=false).
var server = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Pictograph/bin/Release/net10.0/pictograph"));
var runs = 7;
List<string> extra = [];
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--server": server = Path.GetFullPath(args[++i]); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: extra.Add(args[i]); break;
    }
}

if (!File.Exists(server))
{
    Console.Error.WriteLine($"no server at {server}: build it first (dotnet build -c Release) or pass --server PATH");
    return 1;
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
Console.WriteLine($"server: {server}, {runs} runs each, {Environment.ProcessorCount} cores");
Console.WriteLine("case                      median     p90     min     max  (ms, process start to first answer)");
await Measure("cold, demo seeded", seed: true, warm: false);
await Measure("warm, demo seeded", seed: true, warm: true);
await Measure("cold, seeding off", seed: false, warm: false);
await Measure("warm, seeding off", seed: false, warm: true);
return 0;

async Task Measure(string name, bool seed, bool warm)
{
    var times = new List<double>();
    var shared = NewDataDirectory();
    string? token = null;
    if (warm)
    {
        // The data directory the warm runs start on, made by one unmeasured start.
        token = (await StartOnce(shared, seed, token)).Token;
    }

    for (var run = 0; run < runs; run++)
    {
        var dataDir = warm ? shared : NewDataDirectory();
        var result = await StartOnce(dataDir, seed, token);
        times.Add(result.Elapsed.TotalMilliseconds);
        if (!warm)
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    Directory.Delete(shared, recursive: true);
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {Percentile(times, 0.5),9:F0} {Percentile(times, 0.9),7:F0} {times[0],7:F0} {times[^1],7:F0}"));
}

// Seeded: the first 200 from GET /me with the demo token (printed on a cold start, kept for warm ones).
// Seeding off: there is no account to ask about, so the first Graph API answer (its error envelope).
async Task<(TimeSpan Elapsed, string? Token)> StartOnce(string dataDir, bool seed, string? token)
{
    var port = FreePort();
    var info = new ProcessStartInfo(server.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : server)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    if (server.EndsWith(".dll", StringComparison.Ordinal))
    {
        info.ArgumentList.Add(server);
    }

    foreach (var arg in (string[])["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir, $"--Pictograph:SeedDemo={seed}"])
    {
        info.ArgumentList.Add(arg);
    }

    extra.ForEach(info.ArgumentList.Add);
    var printed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(info)!;
    var next = false;
    process.OutputDataReceived += (_, e) =>
    {
        if (e.Data is null)
        {
            return;
        }

        if (next)
        {
            printed.TrySetResult(e.Data.Trim());
        }

        next = e.Data.Contains("Basic Display token", StringComparison.Ordinal);
    };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}");
            }

            if (token is null && seed && printed.Task.IsCompleted)
            {
                token = printed.Task.Result;
            }

            if (!seed || token is not null)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/me?fields=id,username&access_token={token ?? "none"}"));
                    if (response.StatusCode == HttpStatusCode.OK || (!seed && (int)response.StatusCode is 400 or 401))
                    {
                        return (clock.Elapsed, token);
                    }

                    throw new InvalidOperationException($"GET /me answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }

            await Task.Delay(10);
        }
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static string NewDataDirectory() => Directory.CreateTempSubdirectory("pictograph-startup-").FullName;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
