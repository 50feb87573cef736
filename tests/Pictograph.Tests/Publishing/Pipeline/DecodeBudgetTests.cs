using Pictograph.Data;
using Pictograph.Publishing.Pipeline;
using static Pictograph.Tests.Publishing.Pipeline.PipelineAssert;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>
/// What a JPEG costs to decode is known from its header: a baseline file is shrunk while it is decoded, a
/// progressive one is held whole as DCT coefficients. A picture that alone would need more than the decode
/// budget is refused before any pixel is decoded.
/// </summary>
public sealed class DecodeBudgetTests : IAsyncLifetime
{
    private readonly PipelineServices _services = PipelineServices.WithLoopback(("Pictograph:Publishing:DecodeMemoryMegabytes", "64"));
    private MediaHost _host = null!;

    public async Task InitializeAsync() => _host = await MediaHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _services.Dispose();
    }

    private Task<ProcessedMedia> Process(string path, byte[] jpeg) =>
        _services.Pipeline.ProcessImageAsync(_host.Serve(path, jpeg, "image/jpeg"), ImagePurpose.Feed, CancellationToken.None);

    [Fact]
    public async Task A_progressive_jpeg_that_needs_more_than_the_budget_is_too_large()
    {
        // 4000² at 4:2:0: 48 MB of coefficients plus the decode's working set, over 64 MiB.
        var error = await RefusedAsync(36000, 2207004, () => Process("/progressive-4000.jpg", TestMedia.ProgressiveJpeg(4000, 4000)));

        Assert.Contains("MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("progressive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_jpeg_of_the_same_size_is_shrunk_while_decoding_and_fits()
    {
        using var media = await Process("/baseline-4000.jpg", TestMedia.Jpeg(4000, 4000));

        Assert.Equal((MediaType.Image, 1080, 1080), (media.Type, media.Width, media.Height));
    }

    [Fact]
    public async Task A_progressive_jpeg_within_the_budget_is_processed()
    {
        using var media = await Process("/progressive-2000.jpg", TestMedia.ProgressiveJpeg(2000, 2000));

        Assert.Equal((1080, 1080), (media.Width, media.Height));
    }
}
