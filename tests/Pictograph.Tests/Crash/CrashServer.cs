using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Crash;

/// <summary>
/// <c>pictograph serve</c> as a real process on a data directory, which a test kills with SIGKILL
/// (<see cref="Process.Kill()"/>): no shutdown code runs, as when the machine or the OOM killer stops it.
/// </summary>
public sealed partial class CrashServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private CrashServer(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public static async Task<CrashServer> StartAsync(string dataDirectory, IEnumerable<string> settings)
    {
        var process = Process.Start(PictographCli.StartInfo(
            ["serve", "--port", "0", "--data-dir", dataDirectory, "--Logging:LogLevel:Default=Warning", .. settings]))!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                address.TrySetException(new InvalidOperationException($"The server ended before it listened:\n{Tail(output)}"));
                return;
            }

            Append(output, e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
            {
                address.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Generous: the machine running the suite may be busy with other processes.
            return new CrashServer(process, output, await address.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the server printed, for assertion messages.</summary>
    public string Output => Tail(_output);

    /// <summary>SIGKILL, then waits until the process is gone (and its file locks with it).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
