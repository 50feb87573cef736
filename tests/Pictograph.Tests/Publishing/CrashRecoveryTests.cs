using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// The server process is killed while a container is being processed; a new process on the same data
/// finds the job (at once: it is the same node), finishes the container once, and nothing is lost or left over.
/// </summary>
public sealed partial class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDirectory = PictographCli.NewDataDirectory();
    private MediaHost _host = null!;

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public async Task InitializeAsync() => _host = await MediaHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        PictographCli.DeleteDataDirectory(_dataDirectory);
    }

    [Fact]
    public async Task A_container_being_processed_when_the_server_dies_finishes_exactly_once_after_a_restart()
    {
        Assert.Equal(0, (await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory)).ExitCode);
        var issued = await PictographCli.RunAsync("tokens", "issue", "--data-dir", _dataDirectory, "--user", "example_shop", "--scopes", PublishingWorld.InstagramScopes);
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var token = issued.StandardOutput.Trim();
        // The first server hangs in the download; by the restart the photo is there.
        var path = $"/{Guid.NewGuid():N}.jpg";
        var url = _host.Slow(path, TimeSpan.FromMinutes(5));

        long containerId;
        using (var first = await StartServerAsync("--Pictograph:JobLease=00:00:04"))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            var created = await client.PostAsync("/me/media", new FormUrlEncodedContent([new("image_url", url), new("caption", "Survives a crash #crash"), new("access_token", token)]));
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.IsSuccessStatusCode, body);
            containerId = long.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntilAsync(() => _host.Requests(path) == 1, "the first server to start the download");
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        Assert.Equal(("InProgress", "Pending", 1), Read(containerId));
        _host.Serve(path, TestMedia.Jpeg(1080, 1080), "image/jpeg");

        using var second = await StartServerAsync("--Pictograph:JobLease=00:00:04");
        using var http = new HttpClient { BaseAddress = second.Address };
        string status = "";
        await WaitUntilAsync(
            async () => (status = await http.GetStringAsync($"/{containerId}?fields=status_code&access_token={token}")).Contains("FINISHED", StringComparison.Ordinal),
            "the restarted server to finish the container");
        var published = await http.PostAsync("/me/media_publish", new FormUrlEncodedContent([new("creation_id", containerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("access_token", token)]));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        second.Process.Kill(entireProcessTree: true);
        await second.Process.WaitForExitAsync();

        // At least the dead node's run and the new node's; one more if the new node's lease ran out under load.
        var (container, job, attempts) = Read(containerId);
        Assert.Equal(("Published", "Done"), (container, job));
        Assert.InRange(attempts, 2, 3);
        Assert.InRange(_host.Requests(path), 2, 3);
        var mediaId = Scalar($"SELECT MediaId FROM Containers WHERE Id = {containerId}");
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM Media WHERE Id = {mediaId} AND Caption = 'Survives a crash #crash'"));
        Assert.Single(Directory.GetFiles(Path.Combine(_dataDirectory, "media"), $"{mediaId}.*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_node_killed_during_a_download_finishes_the_container_at_once_when_it_restarts_and_leaves_no_temporary_file()
    {
        Assert.Equal(0, (await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory)).ExitCode);
        var issued = await PictographCli.RunAsync("tokens", "issue", "--data-dir", _dataDirectory, "--user", "example_shop", "--scopes", PublishingWorld.InstagramScopes);
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var token = issued.StandardOutput.Trim();
        var path = $"/{Guid.NewGuid():N}.jpg";
        var url = _host.Trickle(path, 1_000_000);
        var temp = Path.Combine(_dataDirectory, "tmp");
        // The default lease (5 minutes): without the restart's release, the container would wait that long.
        var settings = $"--Pictograph:Publishing:TempDirectory={temp}";

        long containerId;
        using (var first = await StartServerAsync(settings))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            var created = await client.PostAsync("/me/media", new FormUrlEncodedContent([new("image_url", url), new("access_token", token)]));
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.IsSuccessStatusCode, body);
            containerId = long.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntilAsync(() => Downloads(temp).Length == 1, "the download to reach the disk");
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        var orphan = Assert.Single(Downloads(temp));
        _host.Serve(path, TestMedia.Jpeg(1080, 1080), "image/jpeg");
        var watch = Stopwatch.StartNew();
        using var second = await StartServerAsync(settings);
        using var http = new HttpClient { BaseAddress = second.Address };
        await WaitUntilAsync(
            async () => (await http.GetStringAsync($"/{containerId}?fields=status_code&access_token={token}")).Contains("FINISHED", StringComparison.Ordinal),
            "the restarted server to finish the container");
        output.WriteLine($"The restarted node finished the container {watch.ElapsedMilliseconds} ms after it was started (lease: 5 minutes)");

        Assert.False(File.Exists(orphan), "the killed download's file is still there");
        // All that is left is the running node's claim on its own (empty) folder.
        await WaitUntilAsync(() => Directory.GetFiles(temp, "*", SearchOption.AllDirectories) is [var only] && only.EndsWith(".pictograph-lock", StringComparison.Ordinal), "the temporary folder to be empty");
        Assert.Equal(("Finished", "Done", 2), Read(containerId));
    }

    private static string[] Downloads(string temp) =>
        Directory.Exists(temp) ? Directory.GetFiles(temp, "*.download", SearchOption.AllDirectories) : [];

    private (string Container, string Job, long Attempts) Read(long containerId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            SELECT c.State, j.State, j.Attempts FROM Containers c JOIN Jobs j ON j.Payload = '{"ContainerId":' || c.Id || '}'
            WHERE c.Id = {{containerId}}
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var row = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        Assert.False(reader.Read(), "one job per container");
        return row;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "pictograph.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private async Task<RunningServer> StartServerAsync(params string[] settings)
    {
        var process = Process.Start(PictographCli.StartInfo(
            ["serve", "--port", "0", "--data-dir", _dataDirectory, "--Pictograph:OutboundAllowList:0=127.0.0.0/8", .. settings]))!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new RunningServer(process, new Uri(match.Groups[1].Value));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server did not say where it listens.");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private sealed record RunningServer(Process Process, Uri Address) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
