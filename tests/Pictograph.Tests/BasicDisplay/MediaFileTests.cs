using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Media;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>The signed media_url and thumbnail_url links, fetched like a client would.</summary>
[Collection(ServerCollection.Name)]
public sealed class MediaFileTests(PictographServer server)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8];

    /// <summary>media_url and thumbnail_url of every grid item, by media id.</summary>
    private static async Task<Dictionary<long, (string MediaUrl, string? ThumbnailUrl)>> UrlsAsync(PictographServer server)
    {
        var response = await server.GetAsync($"/me/media?fields=media_url,thumbnail_url&limit=100&access_token={server.Demo.Token}");
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("data").EnumerateArray().ToDictionary(
            m => long.Parse(m.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            m => (m.GetProperty("media_url").GetString()!, m.TryGetProperty("thumbnail_url", out var t) ? t.GetString() : null));
    }

    private static string KeyOf(string url) => new Uri(url).AbsolutePath["/media/".Length..];

    private static async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> FetchAsync(PictographServer server, string url, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        using var response = await server.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> FetchTextAsync(PictographServer server, string url)
    {
        var (status, type, body) = await FetchAsync(server, url);
        return (status, type, System.Text.Encoding.UTF8.GetString(body));
    }

    private static string ReplaceQuery(string url, string name, Func<string, string> change)
    {
        var uri = new Uri(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        var parts = query.Select(q => $"{q.Key}={(q.Key == name ? change(q.Value.ToString()) : q.Value.ToString())}");
        return $"{uri.GetLeftPart(UriPartial.Path)}?{string.Join('&', parts)}";
    }

    private static string ChangeOneChar(string text, int at) =>
        string.Concat(text.AsSpan(0, at), text[at] == 'A' ? "B" : "A", text.AsSpan(at + 1));

    [Fact]
    public async Task Every_media_url_serves_the_stored_bytes()
    {
        var urls = await UrlsAsync(server);
        var grid = server.Grid(DemoWorld.PersonalUsername);
        Assert.Equal(grid.Count, urls.Count);

        foreach (var media in grid)
        {
            var (mediaUrl, thumbnailUrl) = urls[media.Id];
            Assert.Equal(media.FileKey, KeyOf(mediaUrl));
            var (status, type, body) = await FetchAsync(server, mediaUrl);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(await server.StoredBytesAsync(media.FileKey!), body);
            if (media.MediaType == MediaType.Video)
            {
                Assert.Equal("video/mp4", type);
                Assert.Equal("ftyp"u8.ToArray(), body[4..8]);
                Assert.NotNull(thumbnailUrl);
                Assert.Equal(media.ThumbnailKey, KeyOf(thumbnailUrl));
                var thumbnail = await FetchAsync(server, thumbnailUrl);
                Assert.Equal(HttpStatusCode.OK, thumbnail.Status);
                Assert.Equal("image/jpeg", thumbnail.ContentType);
                Assert.Equal(Jpeg, thumbnail.Body[..2]);
                Assert.Equal(await server.StoredBytesAsync(media.ThumbnailKey!), thumbnail.Body);
            }
            else
            {
                Assert.Equal("image/jpeg", type);
                Assert.Equal(Jpeg, body[..2]);
                Assert.Null(thumbnailUrl);
            }
        }
    }

    [Fact]
    public async Task Album_children_urls_serve_their_own_images()
    {
        var album = server.Grid(DemoWorld.PersonalUsername).Single(m => m.MediaType == MediaType.CarouselAlbum);
        var response = await server.GetAsync($"/{DemoData.Id(album.Id)}/children?fields=media_url&access_token={server.Demo.Token}");
        var children = server.Children(album.Id);

        var urls = response.Json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("media_url").GetString()!).ToList();

        Assert.Equal(children.Select(c => c.FileKey), urls.Select(KeyOf));
        Assert.Equal(children.Count, urls.Distinct().Count());
        foreach (var (child, url) in children.Zip(urls))
        {
            var (status, type, body) = await FetchAsync(server, url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("image/jpeg", type);
            Assert.Equal(await server.StoredBytesAsync(child.FileKey!), body);
        }
    }

    [Fact]
    public async Task Range_request_answers_206_with_the_slice()
    {
        var video = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Video);
        var url = (await UrlsAsync(server))[video.Id].MediaUrl;
        var stored = await server.StoredBytesAsync(video.FileKey!);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(4, 11);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(stored[4..12], body);
        Assert.Equal(new ContentRangeHeaderValue(4, 11, stored.Length), response.Content.Headers.ContentRange);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_request_answers_the_length_without_a_body()
    {
        var image = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Image);
        var url = (await UrlsAsync(server))[image.Id].MediaUrl;

        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((await server.StoredBytesAsync(image.FileKey!)).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Changing_one_character_of_the_signature_is_a_403()
    {
        var image = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Image);
        var url = (await UrlsAsync(server))[image.Id].MediaUrl;

        foreach (var at in new[] { 0, 10, 21, 40 })
        {
            var tampered = ReplaceQuery(url, "oh", oh => ChangeOneChar(oh, at));
            Assert.NotEqual(url, tampered);
            var (status, type, body) = await FetchTextAsync(server, tampered);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("text/plain", type);
            Assert.Equal("URL signature mismatch", body);
        }
    }

    [Fact]
    public async Task Changing_the_expiry_is_a_403()
    {
        var image = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Image);
        var url = (await UrlsAsync(server))[image.Id].MediaUrl;

        var later = ReplaceQuery(url, "oe", oe => (Convert.ToUInt32(oe, 16) + 86_400).ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        var malformed = ReplaceQuery(url, "oe", oe => oe + "0");
        var (laterStatus, laterType, laterBody) = await FetchTextAsync(server, later);
        var (malformedStatus, _, malformedBody) = await FetchTextAsync(server, malformed);

        Assert.Equal(HttpStatusCode.Forbidden, laterStatus);
        Assert.Equal("text/plain", laterType);
        Assert.Equal("URL signature mismatch", laterBody);
        Assert.Equal(HttpStatusCode.Forbidden, malformedStatus);
        Assert.False(string.IsNullOrWhiteSpace(malformedBody));
    }

    [Fact]
    public async Task A_signature_is_bound_to_its_key()
    {
        var urls = await UrlsAsync(server);
        var images = server.Grid(DemoWorld.PersonalUsername).Where(m => m.MediaType == MediaType.Image).Take(2).ToList();
        var first = new Uri(urls[images[0].Id].MediaUrl);
        var swapped = $"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/media/{images[1].FileKey}{first.Query}";

        var (status, _, body) = await FetchTextAsync(server, swapped);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("URL signature mismatch", body);
    }

    [Fact]
    public async Task Missing_signature_is_a_403()
    {
        var image = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Image);

        var (status, type, body) = await FetchTextAsync(server, $"/media/{image.FileKey}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("text/plain", type);
        Assert.Equal("Missing URL signature", body);
    }

    [Fact]
    public async Task Validly_signed_key_with_no_file_is_a_404()
    {
        var signer = server.Services.GetRequiredService<MediaUrlSigner>();
        var url = signer.Sign(server.BaseAddress.GetLeftPart(UriPartial.Authority), MediaKey.For(long.MaxValue / 2, "jpg"));

        var (status, _, _) = await FetchTextAsync(server, url);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("/media/..%2F..%2Fsecret.key")]
    [InlineData("/media/..%2fsecret.key")]
    [InlineData("/media/%2e%2e/%2e%2e/secret.key")]
    [InlineData("/media/ab/..%2F..%2F..%2Fpictograph.db")]
    [InlineData("/media/%2E%2E%5C%2E%2E%5Csecret.key")]
    [InlineData("/media/.%2E/secret.key")]
    [InlineData("/media/ab/cd/%00.jpg")]
    [InlineData("/media//etc/passwd")]
    public async Task Path_traversal_is_refused_never_a_500(string path)
    {
        var image = server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Image);
        var query = new Uri((await UrlsAsync(server))[image.Id].MediaUrl).Query;
        var uri = new Uri($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}{path}{query}");
        var secret = await File.ReadAllBytesAsync(Path.Combine(server.DataDirectory, "secret.key"));

        var (status, _, body) = await FetchAsync(server, uri.AbsoluteUri);

        Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{uri} answered {(int)status}");
        Assert.NotEqual(secret, body);
        Assert.DoesNotContain("SQLite format", System.Text.Encoding.Latin1.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urls_expire_with_the_clock()
    {
        await using var own = await OwnServer.StartAsync();
        var urls = await UrlsAsync(own.Server);
        var video = own.Server.Grid(DemoWorld.PersonalUsername).First(m => m.MediaType == MediaType.Video);
        var (mediaUrl, thumbnailUrl) = urls[video.Id];
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(own.Server, mediaUrl)).Status);

        own.Server.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        var stillValid = await FetchAsync(own.Server, mediaUrl);
        own.Server.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await FetchTextAsync(own.Server, mediaUrl);
        var expiredThumbnail = await FetchTextAsync(own.Server, thumbnailUrl!);
        var fresh = await UrlsAsync(own.Server);

        // The default lifetime is 3 days (rounded up to the hour): valid just before, expired an hour later.
        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
        Assert.Equal(HttpStatusCode.Forbidden, expired.Status);
        Assert.Equal("text/plain", expired.ContentType);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, expiredThumbnail.Status);
        Assert.Contains("expired", expiredThumbnail.Body, StringComparison.Ordinal);
        Assert.NotEqual(mediaUrl, fresh[video.Id].MediaUrl);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(own.Server, fresh[video.Id].MediaUrl)).Status);
    }
}
