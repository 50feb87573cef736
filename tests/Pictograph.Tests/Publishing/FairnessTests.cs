using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// One account whose media URLs never answer must not stall publishing for everyone: with two workers and a
/// fetch timeout of two minutes, another account's photo is processed at once.
/// </summary>
public sealed class FairnessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(2);

    private readonly PictographServer _server = new()
    {
        ExtraArgs = ["--Pictograph:OutboundAllowList:0=127.0.0.0/8", $"--Pictograph:Publishing:FetchTimeout={FetchTimeout}", "--Pictograph:JobWorkers=2"],
    };

    private readonly SilentHost _silent = new();
    private MediaHost _host = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _host = await MediaHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _host.DisposeAsync();
        _silent.Dispose();
    }

    [Fact]
    public async Task An_account_whose_urls_hang_does_not_delay_another_accounts_photo()
    {
        var stalling = await _server.NewPublisherAsync();
        var hanging = new[]
        {
            (await _server.CreateContainerAsync(stalling, ("image_url", _silent.Url("/a.jpg")))).CreatedId(),
            (await _server.CreateContainerAsync(stalling, ("image_url", _silent.Url("/b.jpg")))).CreatedId(),
        };
        await WaitUntilAsync(() => _silent.Accepted >= 1, "the first hanging download to start");
        // Long enough for a second worker to take the other hanging container, were it allowed to.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var other = await _server.NewPublisherAsync();
        var url = _host.Serve($"/{Guid.NewGuid():N}.jpg", TestMedia.Jpeg(1080, 1080), "image/jpeg");
        var watch = Stopwatch.StartNew();
        var id = (await _server.CreateContainerAsync(other, ("image_url", url))).CreatedId();
        var status = await _server.WaitForStatusAsync(other, id, TimeSpan.FromSeconds(20));
        watch.Stop();
        output.WriteLine($"The other account's photo finished {watch.ElapsedMilliseconds} ms after its container was created; hanging downloads: {_silent.Accepted}");

        Assert.Equal("FINISHED", status.Json.GetProperty("status_code").GetString());
        // Far below the fetch timeout it would wait for a worker without the per-account share.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Equal(1, _silent.Accepted);
        foreach (var container in hanging)
        {
            Assert.Equal("IN_PROGRESS", (await _server.StatusAsync(stalling, container)).Json.GetProperty("status_code").GetString());
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>A web server that accepts connections and never answers.</summary>
    private sealed class SilentHost : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _connections = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentHost()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Accepted
        {
            get
            {
                lock (_connections)
                {
                    return _connections.Count;
                }
            }
        }

        public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_connections)
            {
                _connections.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var connection = await _listener.AcceptSocketAsync(_stop.Token);
                    lock (_connections)
                    {
                        _connections.Add(connection);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
