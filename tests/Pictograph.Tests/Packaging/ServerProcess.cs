using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pictograph.Tests.Packaging;

/// <summary>
/// A packaged server started as a user starts it (<c>pictograph serve</c>) on a free port and an empty
/// data directory, with the demo token it prints.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ServerProcess(Process process, string dataDirectory, Uri baseAddress, string token)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Token = token;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    public static async Task<ServerProcess> StartAsync(string executable)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pictograph-packaged-").FullName;
        var port = FreePort();
        // Started from an unrelated folder, so nothing is read from the checkout.
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        foreach (var arg in (string[])["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path.Combine(dataDirectory, "data")])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var token = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                token.TrySetException(new InvalidOperationException($"The server ended its output without a token:\n{output}"));
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (next)
            {
                token.TrySetResult(e.Data.Trim());
            }

            next = e.Data.Contains("Basic Display token", StringComparison.Ordinal);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"), await token.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
