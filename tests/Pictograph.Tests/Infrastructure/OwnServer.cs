namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// A <see cref="PictographServer"/> of a test's own, for tests that move the clock or write data:
/// <c>await using var own = await OwnServer.StartAsync();</c>.
/// </summary>
public sealed class OwnServer : IAsyncDisposable
{
    private OwnServer(PictographServer server) => Server = server;

    public PictographServer Server { get; }

    public static async Task<OwnServer> StartAsync(params string[] extraArgs)
    {
        var server = new PictographServer { ExtraArgs = extraArgs };
        try
        {
            await server.InitializeAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return new OwnServer(server);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
