using System.Diagnostics;
using System.Text.RegularExpressions;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>pictograph serve --port 0</c> as a real process: it starts, prints how to use it, and answers.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = PictographCli.NewDataDirectory();

    public void Dispose() => PictographCli.DeleteDataDirectory(_dataDirectory);

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:(\d+))")]
    private static partial Regex Listening();

    /// <summary>Reads stdout lines until the welcome text is complete (the last curl line) or the timeout.</summary>
    private static async Task<List<string>> ReadWelcomeAsync(Process process)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("curl -g", StringComparison.Ordinal) || line.Contains("Get a token with", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever arrived is asserted on below.
        }

        return lines;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
    }

    [Fact]
    public async Task Serve_on_port_0_prints_the_address_the_demo_token_and_curl_lines_that_work()
    {
        using var process = Process.Start(PictographCli.StartInfo("serve", "--port", "0", "--data-dir", _dataDirectory))!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var lines = await ReadWelcomeAsync(process);
            var output = string.Join('\n', lines);

            var listening = Listening().Match(output);
            Assert.True(listening.Success, $"No 'listening' line within {StartTimeout.TotalSeconds} s:\n{output}");
            var address = listening.Groups[1].Value;
            Assert.NotEqual("0", listening.Groups[2].Value);
            var token = Assert.Single(lines.Select(l => l.Trim()), l => CliWorld.TokenLine().IsMatch(l));
            var curls = lines.Where(l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, curls.Count);
            Assert.All(curls, curl => Assert.Contains(address, curl, StringComparison.Ordinal));
            Assert.All(curls, curl => Assert.Contains(token, curl, StringComparison.Ordinal));
            Assert.Contains(curls, curl => curl.Contains("Authorization: Bearer", StringComparison.Ordinal));
            Assert.Contains(Path.GetFullPath(_dataDirectory), output, StringComparison.Ordinal);

            // The printed address and token really work, and so do the printed curl URLs.
            using var client = new HttpClient();
            var me = await client.GetStringAsync($"{address}/me?fields=username&access_token={token}");
            Assert.Contains($"\"username\":\"{DemoWorld.PersonalUsername}\"", me, StringComparison.Ordinal);
            foreach (var url in curls.Select(c => UrlInQuotes().Matches(c).Select(m => m.Groups[1].Value).Single(u => u.StartsWith(address, StringComparison.Ordinal))))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (!url.Contains("access_token=", StringComparison.Ordinal))
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
            }

            await StopAsync(process);
            Assert.DoesNotContain("Unhandled", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(process);
        }

        // Started again on the now seeded directory, it seeds nothing and says how to get a token.
        using var again = Process.Start(PictographCli.StartInfo("serve", "--port", "0", "--data-dir", _dataDirectory))!;
        try
        {
            var output = string.Join('\n', await ReadWelcomeAsync(again));

            Assert.Matches(Listening(), output);
            Assert.Contains("tokens issue --user", output, StringComparison.Ordinal);
            Assert.DoesNotMatch(CliWorld.TokenLine(), output);
        }
        finally
        {
            await StopAsync(again);
        }
    }

    [Fact]
    public async Task A_setting_out_of_range_is_one_line_naming_it_and_what_is_allowed()
    {
        var result = await PictographCli.RunAsync("serve", "--port", "0", "--data-dir", _dataDirectory, "--Pictograph:UserCallsPerWindow=1000000000");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "Invalid setting Pictograph:UserCallsPerWindow: The field UserCallsPerWindow must be between 1 and 100000000.",
            result.StandardError.Trim());
        Assert.DoesNotContain(" at ", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_saying_so()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await PictographCli.RunAsync("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _dataDirectory);

        Assert.Equal(2, result.ExitCode);
        var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("warn:", StringComparison.Ordinal) && !l.StartsWith("No XML encryptor", StringComparison.Ordinal))
            .ToList();
        Assert.Equal([$"Cannot listen: http://127.0.0.1:{port} is already in use (is another server running there?); choose another port with --port."], errors);
        Assert.DoesNotContain("Unhandled", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex UrlInQuotes();
}
