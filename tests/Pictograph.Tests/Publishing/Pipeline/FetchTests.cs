using System.Diagnostics;
using Pictograph.Publishing.Pipeline;
using static Pictograph.Tests.Publishing.Pipeline.PipelineAssert;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>The URL is hostile: schemes, user-info, redirects, private addresses, slow and failing servers.</summary>
public sealed class FetchTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private readonly MediaHost host = fixture.Host;
    private readonly MediaPipeline pipeline = fixture.Pipeline;

    private Task<ProcessedMedia> Process(string url) => pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None);

    [Fact]
    public async Task Not_found_cannot_be_fetched()
    {
        var error = await RefusedAsync(9004, 2207052, () => Process(host.NotFound("/gone.jpg")));

        Assert.Equal("The media could not be fetched from this uri", error.Message);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/photo.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/photo.jpg")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Only_absolute_http_urls_are_fetched(string url)
    {
        await RefusedAsync(9004, 2207052, () => Process(url));
    }

    [Fact]
    public async Task A_url_with_user_info_is_not_fetched()
    {
        var url = host.Serve("/private.jpg", TestMedia.Jpeg(400, 400), "image/jpeg").Replace("http://", "http://user:secret@", StringComparison.Ordinal);

        await RefusedAsync(9004, 2207052, () => Process(url));

        Assert.Equal(0, host.Requests("/private.jpg"));
    }

    [Fact]
    public async Task An_unresolvable_host_cannot_be_fetched()
    {
        await RefusedAsync(9004, 2207052, () => Process("http://no-such-host.invalid/photo.jpg"));
    }

    [Fact]
    public async Task Redirects_are_followed_including_relative_ones()
    {
        host.Serve("/final.jpg", TestMedia.Jpeg(400, 500), "image/jpeg");
        host.Redirect("/hop2", "/final.jpg", status: 307);
        var url = host.Redirect("/hop1", host.BaseUrl + "/hop2", status: 301);

        using var media = await Process(url);

        Assert.Equal((400, 500), (media.Width, media.Height));
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_the_redirect_limit()
    {
        host.Redirect("/loop-a", "/loop-b");
        var url = host.Redirect("/loop-b", "/loop-a");

        await RefusedAsync(9004, 2207052, () => Process(url));

        // The first request and five redirects: six in all.
        Assert.Equal(6, host.Requests("/loop-a") + host.Requests("/loop-b"));
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_not_followed()
    {
        var url = host.Redirect("/to-ftp", "ftp://127.0.0.1/photo.jpg");

        await RefusedAsync(9004, 2207052, () => Process(url));
    }

    [Fact]
    public async Task A_slow_server_times_out_as_a_transient_error()
    {
        using var services = PipelineServices.WithLoopback(("Pictograph:Publishing:FetchTimeout", "00:00:01"));
        var url = host.Slow("/slow.jpg", TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();

        var error = await RefusedAsync(-2, 2207003, () => services.Pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_publishing_error()
    {
        var url = host.Slow("/cancelled.jpg", TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ProcessImageAsync(url, ImagePurpose.Feed, cancel.Token));
    }

    [Fact]
    public async Task Loopback_is_blocked_without_the_allow_list()
    {
        using var services = new PipelineServices(new Dictionary<string, string?>());
        var url = host.Serve("/local.jpg", TestMedia.Jpeg(400, 400), "image/jpeg");

        await RefusedAsync(9004, 2207052, () => services.Pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None));

        Assert.Equal(0, host.Requests("/local.jpg"));
    }

    [Fact]
    public async Task A_redirect_to_a_blocked_address_is_refused_at_connect_time()
    {
        // The redirect points at a second, working host on 127.0.0.2; the second pipeline allows only 127.0.0.1.
        await using var inside = await MediaHost.StartAsync("127.0.0.2");
        var target = inside.Serve("/secret.jpg", TestMedia.Jpeg(400, 400), "image/jpeg");
        using var services = new PipelineServices(new Dictionary<string, string?> { ["Pictograph:OutboundAllowList:0"] = "127.0.0.1/32" });
        var url = host.Redirect("/to-inside", target);

        using (await pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None))
        {
            Assert.Equal(1, inside.Requests("/secret.jpg")); // reachable when allowed
        }

        await RefusedAsync(9004, 2207052, () => services.Pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None));

        Assert.Equal(2, host.Requests("/to-inside"));
        Assert.Equal(1, inside.Requests("/secret.jpg"));
    }
}
