using Pictograph.Publishing.Pipeline;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>One media host and one loopback-allowed pipeline with default limits, shared by a test class.</summary>
public sealed class MediaHostFixture : IAsyncLifetime
{
    private readonly PipelineServices _services = PipelineServices.WithLoopback();

    public MediaHost Host { get; private set; } = null!;

    public MediaPipeline Pipeline => _services.Pipeline;

    public async Task InitializeAsync() => Host = await MediaHost.StartAsync();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _services.Dispose();
    }
}
