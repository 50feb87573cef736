using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pictograph.Control.Clock;
using Pictograph.Fixtures;
using Pictograph.Hosting;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Fixtures;

/// <summary>The real server on a fresh data directory, started with a fixture file and the tests' fixed clock.</summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly string? _database;

    private FixtureServer(WebApplication app, string dataDirectory, FakeTimeProvider clock, string? database)
    {
        _app = app;
        _database = database;
        DataDirectory = dataDirectory;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts on a fixture file (null: the demo world), with whatever else the test registers (a fault-rule hook).</summary>
    public static async Task<FixtureServer> StartAsync(string? fixturePath, Action<IServiceCollection>? services = null, DateTimeOffset? start = null)
    {
        var clock = new FakeTimeProvider(start ?? PictographServer.Start);
        var dataDirectory = PictographCli.NewDataDirectory();
        var (databaseArgs, database) = await TestDatabases.CreateAsync(dataDirectory);
        var app = PictographApp.Build(
            ["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", .. databaseArgs],
            builder =>
            {
                builder.Services.AddSingleton(new ControlClock(clock));
                services?.Invoke(builder.Services);
            });
        try
        {
            await PictographApp.PrepareAsync(app.Services, seedDemo: true, fixture: fixturePath is null ? null : FixtureSource.FromFile(fixturePath));
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await TestDatabases.DropAsync(database);
            PictographCli.DeleteDataDirectory(dataDirectory);
            throw;
        }

        return new FixtureServer(app, dataDirectory, clock, database);
    }

    public async Task<GraphResponse> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphResponse((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), body);
    }

    /// <summary>The loaded fixture as the control API shows it.</summary>
    public async Task<JsonElement> FixtureAsync()
    {
        var answer = await GetAsync("/_pictograph/fixture");
        Assert.True(answer.Status == 200, answer.Body);
        return answer.Json;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await TestDatabases.DropAsync(_database);
        PictographCli.DeleteDataDirectory(DataDirectory);
    }
}
