using Microsoft.Extensions.Options;
using Pictograph.Publishing.Pipeline;
using static Pictograph.Tests.Publishing.Pipeline.PipelineAssert;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>Settings come from "Pictograph:Publishing" and are validated.</summary>
public sealed class PipelineSetupTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private readonly MediaHost host = fixture.Host;

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        using var services = PipelineServices.WithLoopback(("Pictograph:Publishing:MaxImageBytes", "1000"));
        var url = host.Serve("/five-kb.jpg", TestMedia.Jpeg(400, 400), "image/jpeg");

        await RefusedAsync(36000, 2207004, () => services.Pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_with_a_content_length_over_the_limit_is_refused()
    {
        var url = host.Serve("/nine-mib.jpg", [0xFF, 0xD8, 0xFF, .. new byte[(9 * 1024 * 1024) - 3]], "image/jpeg");

        await RefusedAsync(36000, 2207004, () => fixture.Pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None));
    }

    [Theory]
    [InlineData("MaxRedirects", "100")]
    [InlineData("FetchTimeout", "00:00:00")]
    [InlineData("MaxImagePixels", "0")]
    [InlineData("FfmpegPath", "")]
    public void Invalid_settings_are_refused(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => PipelineServices.WithLoopback(($"Pictograph:Publishing:{key}", value)));
    }

    [Fact]
    public void Defaults_follow_instagrams_limits()
    {
        var options = new PipelineOptions();

        Assert.Equal(8 * 1024 * 1024, options.MaxImageBytes);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Equal(TimeSpan.FromSeconds(60), options.FetchTimeout);
        Assert.True(options.MaxImagePixels >= 4000 * 3000);
    }
}
