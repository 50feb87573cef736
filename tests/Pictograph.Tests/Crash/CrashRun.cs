using System.Net;
using System.Text.Json;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictograph.Tests.Crash;

/// <summary>
/// One scenario's rounds on its own copy of the seeded data directory: start the server, load it, SIGKILL it
/// after a delay drawn from a seeded <see cref="Random"/>, start it again on the same directory. The seed is
/// in every assertion message; <c>PICTOGRAPH_CRASH_SEED</c> replays a run.
/// </summary>
public sealed class CrashRun : IDisposable
{
    private static readonly int RunSeed = int.TryParse(Environment.GetEnvironmentVariable("PICTOGRAPH_CRASH_SEED"), out var seed) ? seed : Random.Shared.Next();

    private readonly ITestOutputHelper _output;
    private readonly List<string> _kills = [];
    private TaskCompletionSource _answered = new();

    public CrashRun(CrashTemplate template, string scenario, ITestOutputHelper output)
    {
        Template = template;
        _output = output;
        Scenario = scenario;
        // Each scenario draws from its own sequence, so one scenario's draws do not shift another's.
        Random = new Random(RunSeed + scenario.Aggregate(0, (hash, c) => unchecked((hash * 31) + c)));
        DataDirectory = template.Copy();
    }

    public CrashTemplate Template { get; }

    public string Scenario { get; }

    public Random Random { get; }

    public string DataDirectory { get; }

    public string TemporaryFolder => Path.Combine(DataDirectory, "tmp");

    /// <summary>Where a failure message says a run came from and how to repeat it.</summary>
    public string Context => $"{Scenario}, PICTOGRAPH_CRASH_SEED={RunSeed}, kills: [{string.Join(", ", _kills)}]";

    public Task<CrashServer> StartAsync() => CrashServer.StartAsync(DataDirectory,
    [
        "--Pictograph:OutboundAllowList:0=127.0.0.0/8",
        "--Pictograph:AppCallsPerUser=100000",
        "--Pictograph:JobsPerAccount=3",
        $"--Pictograph:Publishing:TempDirectory={TemporaryFolder}",
    ]);

    /// <summary>
    /// Starts a server, runs <paramref name="load"/> against it (its workers stop at the first failed call)
    /// and kills the process after a random delay up to <paramref name="maxDelayMs"/> from the load's first
    /// acknowledged call (<see cref="Acknowledged"/>), or when the load ends, whichever comes first.
    /// </summary>
    public async Task KillDuringAsync(int round, int maxDelayMs, Func<CrashServer, CancellationToken, Task> load, Func<CrashServer, Task>? before = null)
    {
        await using var server = await StartAsync();
        try
        {
            await (before?.Invoke(server) ?? Task.CompletedTask);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Preparing round {round} failed ({Context}); the server said:\n{server.Output}", e);
        }

        var delay = Random.Next(maxDelayMs);
        using var stop = new CancellationTokenSource();
        _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Task.Run(() => load(server, stop.Token));
        // Counted from the first answer, not from the start: how long a busy machine takes to warm up varies too much.
        await Task.WhenAny(work, _answered.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        await Task.WhenAny(work, Task.Delay(delay));
        var ended = work.IsCompleted;
        await server.KillAsync();
        await stop.CancelAsync();
        try
        {
            await work;
        }
        catch (Exception e) when (IsCut(e))
        {
            // The kill cut a call short, as intended.
        }

        _kills.Add($"round {round} at {delay} ms{(ended ? " (after the load ended)" : "")}");
        _output.WriteLine($"{Scenario}: round {round} killed {delay} ms after the first answer");
    }

    /// <summary>The load calls this after each acknowledged call; the kill's delay counts from the first.</summary>
    public void Acknowledged() => _answered.TrySetResult();

    /// <summary>Polls until <paramref name="condition"/> holds; the deadline is generous for a busy machine.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what()} ({Context})");
            await Task.Delay(200);
        }
    }

    /// <summary>Asserts that no check found a problem, naming the seed and the kill points.</summary>
    public void AssertNone(IEnumerable<string> problems, string when)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{when} ({Context}):\n" + string.Join('\n', list.Take(40)));
    }

    public void Log(string line) => _output.WriteLine($"{Scenario}: {line}");

    public void Dispose() => PictographCli.DeleteDataDirectory(DataDirectory);

    /// <summary>A call that failed because the server went away (or the worker was told to stop).</summary>
    public static bool IsCut(Exception e) => e switch
    {
        HttpRequestException or TaskCanceledException or OperationCanceledException or IOException => true,
        AggregateException a => a.InnerExceptions.All(IsCut),
        _ => false,
    };

    /// <summary>An answer as read in full: status and JSON body (null when the body is not JSON).</summary>
    public sealed record Answer(HttpStatusCode Status, string Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Id => Json.GetProperty("id").GetString()!;
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string pathAndQuery, HttpContent? content = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        using var response = await client.SendAsync(request, cancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static Task<Answer> GetAsync(HttpClient client, string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Get, pathAndQuery, null, cancellationToken);

    public static Task<Answer> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, path, new FormUrlEncodedContent(form), cancellationToken);

    public static Task<Answer> PostJsonAsync(HttpClient client, string path, string json, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
}
