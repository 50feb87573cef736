using NetVips;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// Publishing end to end: real JPEGs and MP4s served by a local web server are fetched, checked and
/// processed in the background, published, and served back at media_url; every refusal ends the
/// container in ERROR with Instagram's subcode.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class PublishingFlowTests(PublishingFixture fixture)
{
    private readonly PictographServer server = fixture.Server;
    private readonly MediaHost host = fixture.Host;

    private static string Unique(string extension) => $"/{Guid.NewGuid():N}.{extension}";

    private async Task<JsonStatus> CreateAndWaitAsync(Publisher me, params (string Name, string Value)[] form)
    {
        var id = (await server.CreateContainerAsync(me, form)).CreatedId();
        var status = await server.WaitForStatusAsync(me, id);
        Assert.Equal(200, status.Status);
        return new JsonStatus(id, status.Json.GetProperty("status_code").GetString()!, status.Json.GetProperty("status").GetString()!);
    }

    private sealed record JsonStatus(long Id, string Code, string Text);

    private async Task<byte[]> DownloadAsync(string url)
    {
        var response = await server.Client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_photo_is_fetched_processed_stripped_published_and_served()
    {
        var me = await server.NewPublisherAsync();
        var url = host.Slow(Unique("jpg"), TimeSpan.FromMilliseconds(700), TestMedia.Jpeg(1500, 1350, withExif: true));

        var id = (await server.CreateContainerAsync(me, ("image_url", url), ("caption", "Morning light #publishflow"))).CreatedId();
        var first = await server.StatusAsync(me, id);
        var done = await server.WaitForStatusAsync(me, id);

        Assert.Equal("IN_PROGRESS", first.Json.GetProperty("status_code").GetString());
        Assert.Equal("FINISHED", done.Json.GetProperty("status_code").GetString());
        Assert.Equal("Finished: Media has been uploaded and it is complete.", done.Json.GetProperty("status").GetString());
        var mediaId = (await server.PublishAsync(me, id)).CreatedId();
        var media = await server.GetAsync($"/{mediaId}?fields=media_url,media_type,caption&access_token={me.Token}");
        var bytes = await DownloadAsync(media.Json.GetProperty("media_url").GetString()!);
        using var image = Image.NewFromBuffer(bytes);
        Assert.Equal("jpegload_buffer", image.Get("vips-loader"));
        // Rotated upright by its EXIF orientation (6: 90° clockwise), then 1080 wide, metadata gone.
        Assert.Equal(1080, image.Width);
        Assert.Equal(1200, image.Height);
        Assert.DoesNotContain("exif-data", image.GetFields());
        Assert.DoesNotContain(TestMedia.CameraMake, System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(1, host.Requests(new Uri(url).AbsolutePath));
    }

    [Fact]
    public async Task A_reel_is_probed_thumbnailed_and_published_as_a_video()
    {
        var me = await server.NewPublisherAsync();
        var url = host.Serve(Unique("mp4"), TestMedia.Mp4(4, 360, 640), "video/mp4");

        var container = await CreateAndWaitAsync(me, ("media_type", "REELS"), ("video_url", url), ("thumb_offset", "1000"), ("caption", "A short one"));

        Assert.Equal("FINISHED", container.Code);
        var mediaId = (await server.PublishAsync(me, container.Id)).CreatedId();
        var media = await server.GetAsync($"/{mediaId}?fields=media_url,thumbnail_url,media_type,media_product_type&access_token={me.Token}");
        Assert.Equal("VIDEO", media.Json.GetProperty("media_type").GetString());
        Assert.Equal("REELS", media.Json.GetProperty("media_product_type").GetString());
        var video = await DownloadAsync(media.Json.GetProperty("media_url").GetString()!);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(video, 4, 4));
        using var thumbnail = Image.NewFromBuffer(await DownloadAsync(media.Json.GetProperty("thumbnail_url").GetString()!));
        Assert.Equal(360, thumbnail.Width);
    }

    [Fact]
    public async Task Stories_publish_a_photo_or_a_video()
    {
        var me = await server.NewPublisherAsync();
        var photo = await CreateAndWaitAsync(me, ("media_type", "STORIES"), ("image_url", host.Serve(Unique("jpg"), TestMedia.Jpeg(720, 1280), "image/jpeg")));
        var video = await CreateAndWaitAsync(me, ("media_type", "STORIES"), ("video_url", host.Serve(Unique("mp4"), TestMedia.Mp4(3.5, 360, 640), "video/mp4")));

        Assert.Equal("FINISHED", photo.Code);
        Assert.Equal("FINISHED", video.Code);
        var ids = new[] { (await server.PublishAsync(me, photo.Id)).CreatedId(), (await server.PublishAsync(me, video.Id)).CreatedId() };
        var stories = await server.GetAsync($"/me/stories?fields=media_type&access_token={me.Token}");
        Assert.Equal(ids.Reverse().Select(DemoData.Id), GraphAssert.Ids(stories.Json));
    }

    [Fact]
    public async Task A_carousel_of_a_photo_and_a_video_is_published_as_an_album()
    {
        var me = await server.NewPublisherAsync();
        var photo = (await server.CreateContainerAsync(me, ("image_url", host.Serve(Unique("jpg"), TestMedia.Jpeg(1080, 1080), "image/jpeg")), ("is_carousel_item", "true"))).CreatedId();
        var video = (await server.CreateContainerAsync(me, ("media_type", "VIDEO"), ("video_url", host.Serve(Unique("mp4"), TestMedia.Mp4(3.5, 640, 640), "video/mp4")), ("is_carousel_item", "true"))).CreatedId();
        var carousel = (await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", $"{photo},{video}"), ("caption", "Both"))).CreatedId();

        var status = await server.WaitForStatusAsync(me, carousel);

        Assert.Equal("FINISHED", status.Json.GetProperty("status_code").GetString());
        var album = (await server.PublishAsync(me, carousel)).CreatedId();
        var read = await server.GetAsync($"/{album}?fields=media_type,children{{media_type,media_url}}&access_token={me.Token}");
        Assert.Equal("CAROUSEL_ALBUM", read.Json.GetProperty("media_type").GetString());
        var children = read.Json.GetProperty("children").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["IMAGE", "VIDEO"], children.Select(c => c.GetProperty("media_type").GetString()));
        foreach (var child in children)
        {
            await DownloadAsync(child.GetProperty("media_url").GetString()!);
        }
    }

    [Fact]
    public async Task A_carousel_with_a_failed_child_is_in_error()
    {
        var me = await server.NewPublisherAsync();
        var good = (await server.CreateContainerAsync(me, ("image_url", host.Serve(Unique("jpg"), TestMedia.Jpeg(1080, 1080), "image/jpeg")), ("is_carousel_item", "true"))).CreatedId();
        var bad = (await server.CreateContainerAsync(me, ("image_url", host.Serve(Unique("png"), TestMedia.Png(1080, 1080), "image/png")), ("is_carousel_item", "true"))).CreatedId();
        var carousel = (await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", $"{good},{bad}"))).CreatedId();

        await server.WaitForStatusAsync(me, bad);
        var status = await server.WaitForStatusAsync(me, carousel);

        Assert.Equal("ERROR", status.Json.GetProperty("status_code").GetString());
        Assert.Equal("Error: Media upload has failed with error code 2207005", status.Json.GetProperty("status").GetString());
        GraphAssert.Error(await server.PublishAsync(me, carousel), 400, 9007, 2207027);
    }

    public static TheoryData<string, int> Refusals() => new()
    {
        { "png", 2207005 },
        { "html", 2207052 },
        { "bomb", 2207004 },
        { "lying-header", 2207005 },
        { "wide", 2207009 },
        { "404", 2207052 },
        { "private", 2207052 },
        { "redirect-to-private", 2207052 },
        { "slow", 2207003 },
        { "ftp", 2207052 },
        { "large", 2207004 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_images_end_in_error_with_instagrams_subcode(string what, int subcode)
    {
        var me = await server.NewPublisherAsync();
        var url = what switch
        {
            "png" => host.Serve(Unique("png"), TestMedia.Png(1080, 1080), "image/jpeg"),
            "html" => host.Serve(Unique("jpg"), TestMedia.Html(), "image/jpeg"),
            "bomb" => host.Serve(Unique("jpg"), TestMedia.Bomb(), "image/jpeg"),
            "lying-header" => host.Serve(Unique("jpg"), TestMedia.LyingHeader(), "image/jpeg"),
            "wide" => host.Serve(Unique("jpg"), TestMedia.Jpeg(1500, 500), "image/jpeg"),
            "404" => host.NotFound(Unique("jpg")),
            "private" => "http://10.1.2.3/photo.jpg",
            "redirect-to-private" => host.Redirect(Unique("jpg"), "http://169.254.169.254/latest/meta-data/"),
            "slow" => host.Slow(Unique("jpg"), TimeSpan.FromSeconds(10), TestMedia.Jpeg(1080, 1080)),
            "ftp" => "ftp://example.com/photo.jpg",
            _ => host.Endless(Unique("jpg")),
        };

        var container = await CreateAndWaitAsync(me, ("image_url", url));

        Assert.Equal("ERROR", container.Code);
        Assert.Equal($"Error: Media upload has failed with error code {subcode}", container.Text);
        GraphAssert.Error(await server.PublishAsync(me, container.Id), 400, 9007, 2207027);
        Assert.Equal(subcode, server.Read(db => db.Containers.Single(c => c.Id == container.Id).ErrorSubcode));
    }

    [Fact]
    public async Task Refused_videos_end_in_error_with_instagrams_subcode()
    {
        var me = await server.NewPublisherAsync();
        var tooShort = await CreateAndWaitAsync(me, ("media_type", "REELS"), ("video_url", host.Serve(Unique("mp4"), TestMedia.Mp4(2, 360, 640), "video/mp4")));
        var notVideo = await CreateAndWaitAsync(me, ("media_type", "REELS"), ("video_url", host.Serve(Unique("mp4"), TestMedia.Jpeg(360, 640), "video/mp4")));
        var offset = await CreateAndWaitAsync(me, ("media_type", "REELS"), ("video_url", host.Serve(Unique("mp4"), TestMedia.Mp4(3.5, 360, 640), "video/mp4")), ("thumb_offset", "9000"));

        Assert.Equal("Error: Media upload has failed with error code 2207026", tooShort.Text);
        Assert.Equal("Error: Media upload has failed with error code 2207026", notVideo.Text);
        Assert.Equal("Error: Media upload has failed with error code 2207057", offset.Text);
    }

    [Fact]
    public async Task Without_the_allow_list_a_local_server_cannot_be_fetched()
    {
        await using var own = await OwnServer.StartAsync();
        var me = await own.Server.NewPublisherAsync();
        var url = host.Serve(Unique("jpg"), TestMedia.Jpeg(1080, 1080), "image/jpeg");

        var id = (await own.Server.CreateContainerAsync(me, ("image_url", url))).CreatedId();
        var status = await own.Server.WaitForStatusAsync(me, id);

        Assert.Equal("Error: Media upload has failed with error code 2207052", status.Json.GetProperty("status").GetString());
        Assert.Equal(0, host.Requests(new Uri(url).AbsolutePath));
    }
}
