using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Control.Clock;
using Pictograph.Hosting;

namespace Pictograph.Testing;

/// <summary>
/// A Pictograph server inside the test process, on a free loopback port, over its own data directory:
/// start it, point the code under test at <see cref="BaseUrl"/>, use <see cref="Tokens"/> and
/// <see cref="Control"/>, dispose it.
/// </summary>
public sealed class PictographHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly string? _ownedDataDirectory;

    private PictographHost(WebApplication app, Uri baseUrl, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        _ownedDataDirectory = ownsDataDirectory ? dataDirectory : null;
        _http = new HttpClient { BaseAddress = baseUrl };
        Control = new PictographControl(_http);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41235/</c>: Graph API paths go under it.</summary>
    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The control API (reset, clock, snapshots, faults, processing).</summary>
    public PictographControl Control { get; }

    /// <summary>The fixture's tokens by key; for the demo world, its Basic Display token under the account's username.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; private set; } = new Dictionary<string, string>();

    /// <summary>The fixture's apps and accounts (null for the demo world on a server without the fixture route).</summary>
    public FixtureInfo? Fixture { get; private set; }

    /// <summary>The demo world's Basic Display token (user_profile, user_media; 60 days); null with a fixture.</summary>
    public string? DemoToken { get; private set; }

    /// <summary>The server's services, for what the control API does not cover.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A client for the server (its base address set); the caller disposes it.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    public static async Task<PictographHost> StartAsync(PictographHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PictographHostOptions();
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("pictograph-host-").FullName;
        List<string> args = [
            "--urls=http://127.0.0.1:0",
            $"--Pictograph:DataDirectory={dataDirectory}",
            "--Logging:LogLevel:Default=Warning",
        ];
        args.AddRange(options.Settings);
        var app = PictographApp.Build([.. args], builder =>
        {
            if (options.Clock is { } clock)
            {
                builder.Services.AddSingleton(new ControlClock(clock));
            }
        });
        PictographHost? host = null;
        try
        {
            var fixture = options.FixturePath is { } path ? Fixtures.FixtureSource.FromFile(path) : null;
            var demo = await PictographApp.PrepareAsync(app.Services, seedDemo: fixture is null, cancellationToken, fixture).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host = new PictographHost(app, new Uri(address.TrimEnd('/') + "/"), dataDirectory, options.DataDirectory is null);
            host.DemoToken = demo?.Token;
            host.Fixture = await host.Control.GetFixtureAsync(cancellationToken).ConfigureAwait(false);
            host.Tokens = host.Fixture?.Tokens
                ?? (demo is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [demo.Username] = demo.Token });
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        // The pool keeps the SQLite file open; the data directory can go only once it lets go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownedDataDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }
}
