using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Impersonation;

/// <summary>A server with its TLS listener on, shared by the routing tests (they only read).</summary>
public sealed class ImpersonatingServer : IAsyncLifetime
{
    public PictographServer Server { get; } = new() { ExtraArgs = MetaClient.Arguments };

    public HttpClient Meta { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Meta = Server.CreateMetaClient();
    }

    public async Task DisposeAsync()
    {
        Meta?.Dispose();
        await Server.DisposeAsync();
    }
}
