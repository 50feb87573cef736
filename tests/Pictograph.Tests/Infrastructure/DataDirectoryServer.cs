using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Hosting;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// The server started in-process on an existing data directory (as the CLI left it), without seeding:
/// <c>await using var server = await DataDirectoryServer.StartAsync(dir);</c>.
/// </summary>
public sealed class DataDirectoryServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DataDirectoryServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DataDirectoryServer> StartAsync(string dataDirectory)
    {
        var app = PictographApp.Build(["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={dataDirectory}", "--Pictograph:SeedDemo=false", "--Logging:LogLevel:Default=Warning"]);
        await PictographApp.PrepareAsync(app.Services, seedDemo: false);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DataDirectoryServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<GraphResponse> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphResponse((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
