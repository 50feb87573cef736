using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// The server as a process of its own (<c>pictograph serve</c>), so its peak resident memory (VmHWM) is the
/// server's alone, after it has processed a queue of pictures that are cheap to send and dear to decode.
/// </summary>
public sealed partial class DecodeMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The whole server, runtime and code included.</summary>
    private const long MaxPeakBytes = 300L * 1024 * 1024;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = PictographCli.NewDataDirectory();
    private MediaHost _host = null!;

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public async Task InitializeAsync() => _host = await MediaHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        PictographCli.DeleteDataDirectory(_dataDirectory);
    }

    [Fact]
    public async Task A_queue_of_huge_progressive_and_baseline_jpegs_keeps_the_server_under_300_MiB()
    {
        // 4800² progressive (4:2:0): 69 MB of coefficients each, just within the default decode budget.
        // 7000² progressive (4:4:4, like the issue's 575 KB file): 294 MB, more than the budget: refused from its header.
        // 7000² baseline: shrunk while decoding, a few MB.
        var fits = _host.Serve("/progressive-4800.jpg", TestMedia.ProgressiveJpeg(4800, 4800), "image/jpeg");
        var tooDear = _host.Serve("/progressive-7000.jpg", TestMedia.ProgressiveJpeg(7000, 7000, fullChroma: true), "image/jpeg");
        var baseline = _host.Serve("/baseline-7000.jpg", TestMedia.Jpeg(7000, 7000), "image/jpeg");
        string[] queue = [fits, tooDear, fits, baseline, fits, tooDear, baseline, fits];
        Assert.Equal(0, (await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory)).ExitCode);
        var issued = await PictographCli.RunAsync("tokens", "issue", "--data-dir", _dataDirectory, "--user", "example_shop", "--scopes", PublishingWorld.InstagramScopes);
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var token = issued.StandardOutput.Trim();

        using var server = Process.Start(PictographCli.StartInfo(
            "serve", "--port", "0", "--data-dir", _dataDirectory, "--Pictograph:OutboundAllowList:0=127.0.0.0/8", "--Logging:LogLevel:Default=Warning"))!;
        try
        {
            var stderr = server.StandardError.ReadToEndAsync();
            using var client = new HttpClient { BaseAddress = new Uri(await ListeningAddressAsync(server)) };
            var stdout = server.StandardOutput.ReadToEndAsync(); // drained, so the server never blocks on a full pipe
            var containers = new List<string>();
            foreach (var url in queue)
            {
                using var created = await client.PostAsync("/me/media", new FormUrlEncodedContent([new("image_url", url), new("access_token", token)]));
                var body = await created.Content.ReadAsStringAsync();
                Assert.True(created.IsSuccessStatusCode, body);
                containers.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
            }

            var outcomes = new List<string>();
            foreach (var id in containers)
            {
                outcomes.Add(await WaitForOutcomeAsync(client, id, token));
            }

            var peak = PeakResidentBytes(server.Id);
            var finished = "Finished: Media has been uploaded and it is complete.";
            var refused = "Error: Media upload has failed with error code 2207004";
            output.WriteLine($"server peak RSS after the queue: {peak / (1024 * 1024)} MiB");
            Assert.True(peak < MaxPeakBytes, $"peak RSS {peak / (1024 * 1024)} MiB, at most {MaxPeakBytes / (1024 * 1024)} MiB allowed");
            Assert.Equal([finished, refused, finished, finished, finished, refused, finished, finished], outcomes);
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Assert.DoesNotContain("Unhandled", await stderr + await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ListeningAddressAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } listening)
            {
                return listening.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The server ended without saying where it listens.");
    }

    /// <summary>The container's <c>status</c> once it has left IN_PROGRESS.</summary>
    private static async Task<string> WaitForOutcomeAsync(HttpClient client, string id, string token)
    {
        var deadline = DateTime.UtcNow + ProcessingTimeout;
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/{id}?fields=status,status_code&access_token={token}"));
            var root = document.RootElement;
            if (root.GetProperty("status_code").GetString() != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return root.GetProperty("status").GetString()!;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>VmHWM: the most resident memory the process has had.</summary>
    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
