using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// Resumable video upload with Facebook Login: a container made with <c>upload_type=resumable</c> answers the
/// <c>uri</c> its bytes go to; they arrive in chunks (or as a <c>file_url</c>), <c>video_status</c> follows
/// them, an interrupted upload resumes where the server says, and the finished file goes through the same
/// processing as a <c>video_url</c>.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class ResumableUploadTests(PublishingFixture fixture)
{
    private const string VideoStatusFields = "id,status_code,video_status";

    private readonly PictographServer server = fixture.Server;
    private readonly MediaHost host = fixture.Host;

    private static byte[] Reel() => TestMedia.Mp4(4, 360, 640);

    private async Task<(long Id, string Uri)> CreateAsync(Publisher me, params (string Name, string Value)[] form)
    {
        var created = await server.CreateManagedContainerAsync(me, [("upload_type", "resumable"), .. form]);
        Assert.True(created.Status == 200, created.Body);
        Assert.Equal(["id", "uri"], GraphAssert.Names(created.Json));
        return (created.CreatedId(), created.Json.GetProperty("uri").GetString()!);
    }

    private async Task<GraphResponse> UploadAsync(string uri, string? token, long? offset, long? fileSize, byte[]? body, string scheme = "OAuth", string? fileUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body ?? []) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        if (offset is not null)
        {
            request.Headers.Add("offset", offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (fileSize is not null)
        {
            request.Headers.Add("file_size", fileSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (fileUrl is not null)
        {
            request.Headers.Add("file_url", fileUrl);
        }

        return await server.SendAsync(request);
    }

    private static void AssertUploaded(GraphResponse response) =>
        Assert.True(response.Body == """{"success":true,"message":"Upload successful."}""" && response.Status == 200, $"{response.Status}: {response.Body}");

    /// <summary>rupload's failure shape; the inner error's message.</summary>
    private static string Refusal(GraphResponse response, int status, bool retriable)
    {
        Assert.True(status == response.Status, $"{response.Status}: {response.Body}");
        Assert.Equal(["debug_info"], GraphAssert.Names(response.Json));
        var info = response.Json.GetProperty("debug_info");
        Assert.Equal(["retriable", "type", "message"], GraphAssert.Names(info));
        Assert.Equal(retriable, info.GetProperty("retriable").GetBoolean());
        Assert.Equal("ProcessingFailedError", info.GetProperty("type").GetString());
        var inner = JsonDocument.Parse(info.GetProperty("message").GetString()!).RootElement;
        Assert.False(inner.GetProperty("success").GetBoolean());
        return inner.GetProperty("error").GetProperty("message").GetString()!;
    }

    private async Task<JsonElement> VideoStatusAsync(Publisher me, long id)
    {
        var read = await server.GetAsync($"/{id}?fields={VideoStatusFields}&access_token={me.Token}");
        Assert.True(read.Status == 200, read.Body);
        return read.Json;
    }

    private async Task<byte[]> PublishedVideoAsync(Publisher me, long container)
    {
        var done = await server.WaitForManagedAsync(me, container, VideoStatusFields);
        Assert.True(done.Json.GetProperty("status_code").GetString() == "FINISHED", done.Body);
        var media = (await server.PublishManagedAsync(me, container)).CreatedId();
        var read = await server.GetAsync($"/{media}?fields=media_type,media_product_type,media_url&access_token={me.Token}");
        Assert.Equal("VIDEO", read.Json.GetProperty("media_type").GetString());
        using var file = await server.Client.GetAsync(read.Json.GetProperty("media_url").GetString());
        Assert.Equal(200, (int)file.StatusCode);
        return await file.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_reel_sent_in_two_chunks_is_processed_and_published()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var half = video.Length / 2;

        var (id, uri) = await CreateAsync(me, ("media_type", "REELS"), ("caption", "Uploaded in two"));

        Assert.Equal($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/ig-api-upload/v25.0/{id}", uri);
        Assert.Equal(
            $$$$"""{"id":"{{{{id}}}}","status_code":"IN_PROGRESS","video_status":{"uploading_phase":{"status":"not_started","bytes_transferred":0},"processing_phase":{"status":"not_started"}}}""",
            (await server.GetAsync($"/{id}?fields=id,status_code,video_status&access_token={me.Token}")).Body);
        AssertUploaded(await UploadAsync(uri, me.Token, 0, video.Length, video[..half]));
        var midway = await VideoStatusAsync(me, id);
        Assert.Equal("IN_PROGRESS", midway.GetProperty("status_code").GetString());
        Assert.Equal(
            $$$"""{"uploading_phase":{"status":"in_progress","bytes_transferred":{{{half}}}},"processing_phase":{"status":"not_started"}}""",
            midway.GetProperty("video_status").GetRawText());
        AssertUploaded(await UploadAsync(uri, me.Token, half, video.Length, video[half..]));

        var published = await PublishedVideoAsync(me, id);

        Assert.Equal("ftyp", Encoding.ASCII.GetString(published, 4, 4));
        Assert.Equal(
            $$$"""{"uploading_phase":{"status":"complete","bytes_transferred":{{{video.Length}}}},"processing_phase":{"status":"complete"}}""",
            (await VideoStatusAsync(me, id)).GetProperty("video_status").GetRawText());
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "uploads", $"{id}.upload")));
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_at_the_offset_the_server_reports()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var (id, _) = await CreateAsync(me, ("media_type", "REELS"));
        var path = $"/ig-api-upload/{id}";

        // The client sends half of what it announced; then its network drops.
        var from = await SendCutShortAsync(path, me.Token, video, video.Length / 2, () => ReportedBytesAsync(me, id, video.Length / 2));

        var resumed = await UploadAsync(path, me.Token, from, video.Length, video[from..], scheme: "Bearer");
        while (resumed.Status == 409)
        {
            // The cut-short request may still hold the upload for a moment: a retriable refusal, as a client retries it.
            Assert.True(Refusal(resumed, 409, retriable: true).Length > 0);
            await Task.Delay(50);
            resumed = await UploadAsync(path, me.Token, from, video.Length, video[from..], scheme: "Bearer");
        }

        AssertUploaded(resumed);
        Assert.Equal(video.Length, (await VideoStatusAsync(me, id)).GetProperty("video_status").GetProperty("uploading_phase").GetProperty("bytes_transferred").GetInt32());
        Assert.Equal("ftyp", Encoding.ASCII.GetString(await PublishedVideoAsync(me, id), 4, 4));
    }

    /// <summary>Reads <c>bytes_transferred</c> until the server has recorded what the dropped request brought (polled, as a client would).</summary>
    private async Task<int> ReportedBytesAsync(Publisher me, long id, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var phase = (await VideoStatusAsync(me, id)).GetProperty("video_status").GetProperty("uploading_phase");
            var bytes = phase.GetProperty("bytes_transferred").GetInt32();
            if (bytes == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, bytes);
                Assert.Equal("in_progress", phase.GetProperty("status").GetString());
                return bytes;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_offset_other_than_the_bytes_received_is_refused_and_zero_restarts()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var (id, uri) = await CreateAsync(me, ("media_type", "STORIES"));
        AssertUploaded(await UploadAsync(uri, me.Token, 0, video.Length, video[..1000]));

        var ahead = Refusal(await UploadAsync(uri, me.Token, 5000, video.Length, video[5000..]), 400, retriable: false);
        var resized = Refusal(await UploadAsync(uri, me.Token, 1000, video.Length + 1, video[1000..]), 400, retriable: false);
        var tooLong = Refusal(await UploadAsync(uri, me.Token, 1000, video.Length, [.. video[1000..], 0]), 400, retriable: false);

        Assert.Equal("offset 5000 does not match the 1000 bytes received so far; resume at offset 1000, or restart at offset 0", ahead);
        Assert.Contains("restart at offset 0", resized, StringComparison.Ordinal);
        Assert.Contains("more than", tooLong, StringComparison.Ordinal);
        Assert.Equal(1000, (await VideoStatusAsync(me, id)).GetProperty("video_status").GetProperty("uploading_phase").GetProperty("bytes_transferred").GetInt32());
        AssertUploaded(await UploadAsync(uri, me.Token, 0, video.Length, video));
        Assert.NotEmpty(await PublishedVideoAsync(me, id));
        Assert.Contains("complete", Refusal(await UploadAsync(uri, me.Token, 0, video.Length, video), 400, retriable: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_url_is_fetched_safely_instead_of_a_body()
    {
        var me = await server.NewManagedPublisherAsync();
        var (id, uri) = await CreateAsync(me, ("media_type", "REELS"));
        var (other, otherUri) = await CreateAsync(me, ("media_type", "REELS"));

        var refused = Refusal(await UploadAsync(otherUri, me.Token, null, null, null, fileUrl: "http://10.1.2.3/clip.mp4"), 400, retriable: false);
        AssertUploaded(await UploadAsync(uri, me.Token, null, null, null, fileUrl: host.Serve($"/{Guid.NewGuid():N}.mp4", Reel(), "video/mp4")));

        Assert.StartsWith("The file_url could not be fetched", refused, StringComparison.Ordinal);
        Assert.Equal("not_started", (await VideoStatusAsync(me, other)).GetProperty("video_status").GetProperty("uploading_phase").GetProperty("status").GetString());
        Assert.NotEmpty(await PublishedVideoAsync(me, id));
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_fails_in_the_processing_phase()
    {
        var me = await server.NewManagedPublisherAsync();
        var junk = TestMedia.Jpeg(360, 640);
        var (id, uri) = await CreateAsync(me, ("media_type", "REELS"));

        AssertUploaded(await UploadAsync(uri, me.Token, 0, junk.Length, junk));
        var done = await server.WaitForManagedAsync(me, id, VideoStatusFields);

        Assert.Equal("ERROR", done.Json.GetProperty("status_code").GetString());
        var phases = done.Json.GetProperty("video_status");
        Assert.Equal($$"""{"status":"complete","bytes_transferred":{{junk.Length}}}""", phases.GetProperty("uploading_phase").GetRawText());
        var processing = phases.GetProperty("processing_phase");
        Assert.Equal("error", processing.GetProperty("status").GetString());
        Assert.Equal(2207026, processing.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(processing.GetProperty("errors")[0].GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Only_the_container_s_own_token_and_a_well_formed_request_may_upload()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var (_, uri) = await CreateAsync(me, ("media_type", "REELS"));
        var instagram = await server.NewPublisherAsync();
        var plain = (await server.CreateManagedContainerAsync(me, ("media_type", "REELS"), ("video_url", "https://example.com/clip.mp4"))).CreatedId();

        Assert.Equal("unauthorized user request", Refusal(await UploadAsync(uri, null, 0, video.Length, video), 401, retriable: false));
        Assert.Equal("unauthorized user request", Refusal(await UploadAsync(uri, "not-a-token", 0, video.Length, video), 401, retriable: false));
        Assert.Equal("unauthorized user request", Refusal(await UploadAsync(uri, instagram.Token, 0, video.Length, video), 401, retriable: false));
        Refusal(await UploadAsync(uri, me.Token, null, video.Length, video), 400, retriable: false);
        Refusal(await UploadAsync(uri, me.Token, 0, null, video), 400, retriable: false);
        Refusal(await UploadAsync(uri, me.Token, -1, video.Length, video), 400, retriable: false);
        Assert.StartsWith("file_size must be between 1 and", Refusal(await UploadAsync(uri, me.Token, 0, 10L << 30, video), 400, retriable: false), StringComparison.Ordinal);
        Refusal(await UploadAsync(uri.Replace(uri[(uri.LastIndexOf('/') + 1)..], DemoData.Id(plain), StringComparison.Ordinal), me.Token, 0, video.Length, video), 400, retriable: false);
        var readOnly = await server.DeveloperTokenAsync("pages_show_list,instagram_basic");
        Assert.Contains("instagram_content_publish", Refusal(await UploadAsync(uri, readOnly, 0, video.Length, video), 403, retriable: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_waits_its_turn_while_another_writes_the_same_upload()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var (id, uri) = await CreateAsync(me, ("media_type", "REELS"));
        AssertUploaded(await UploadAsync(uri, me.Token, 0, video.Length, video[..100]));

        string busy;
        // Another writer (here this test, through the OS) holds the upload's file.
        using (new FileStream(Path.Combine(server.DataDirectory, "uploads", $"{id}.upload"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            busy = Refusal(await UploadAsync(uri, me.Token, 100, video.Length, video[100..]), 409, retriable: true);
        }

        Assert.Contains("in progress", busy, StringComparison.Ordinal);
        AssertUploaded(await UploadAsync(uri, me.Token, 100, video.Length, video[100..]));
        Assert.NotEmpty(await PublishedVideoAsync(me, id));
    }

    [Fact]
    public async Task An_expired_container_takes_no_more_bytes()
    {
        await using var own = await OwnServer.StartAsync();
        var me = await own.Server.NewManagedPublisherAsync();
        var created = await own.Server.CreateManagedContainerAsync(me, ("upload_type", "resumable"), ("media_type", "REELS"));
        var uri = created.Json.GetProperty("uri").GetString()!;

        own.Server.Clock.Advance(TimeSpan.FromHours(24));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", me.Token);
        request.Headers.Add("offset", "0");
        request.Headers.Add("file_size", "3");

        Assert.Contains("expired", Refusal(await own.Server.SendAsync(request), 400, retriable: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_of_an_expired_container_are_deleted_by_the_hourly_sweep()
    {
        await using var own = await OwnServer.StartAsync();
        var me = await own.Server.NewManagedPublisherAsync();
        async Task<string> StartUploadAsync()
        {
            var created = await own.Server.CreateManagedContainerAsync(me, ("upload_type", "resumable"), ("media_type", "REELS"));
            using var request = new HttpRequestMessage(HttpMethod.Post, created.Json.GetProperty("uri").GetString()) { Content = new ByteArrayContent([1, 2, 3]) };
            request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", me.Token);
            request.Headers.Add("offset", "0");
            request.Headers.Add("file_size", "1000");
            AssertUploaded(await own.Server.SendAsync(request));
            var path = Path.Combine(own.Server.DataDirectory, "uploads", $"{created.CreatedId()}.upload");
            Assert.True(File.Exists(path));
            return path;
        }

        var abandoned = await StartUploadAsync();
        own.Server.Clock.Advance(TimeSpan.FromHours(23));
        var recent = await StartUploadAsync();
        // The hourly sweep now finds the first container 24 hours old (expired) and the second one 1 hour old.
        own.Server.Clock.Advance(TimeSpan.FromHours(1));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (File.Exists(abandoned))
        {
            Assert.True(DateTime.UtcNow < deadline, "the expired container's upload was not deleted");
            await Task.Delay(50);
        }

        Assert.True(File.Exists(recent), "the sweep deleted the upload of a container that has not expired");
    }

    [Fact]
    public async Task Resumable_containers_take_reels_stories_and_carousel_videos_only()
    {
        var me = await server.NewManagedPublisherAsync();

        var photo = await server.CreateManagedContainerAsync(me, ("upload_type", "resumable"), ("image_url", "https://example.com/a.jpg"));
        var video = await server.CreateManagedContainerAsync(me, ("upload_type", "resumable"), ("media_type", "VIDEO"));
        var withUrl = await server.CreateManagedContainerAsync(me, ("upload_type", "resumable"), ("media_type", "REELS"), ("video_url", "https://example.com/clip.mp4"));
        var unknown = await server.CreateManagedContainerAsync(me, ("upload_type", "chunked"), ("media_type", "REELS"));

        GraphAssert.Error(photo, 400, 100);
        GraphAssert.Error(video, 400, 100);
        GraphAssert.Error(withUrl, 400, 100);
        GraphAssert.Error(unknown, 400, 100);
        var (item, _) = await CreateAsync(me, ("media_type", "VIDEO"), ("is_carousel_item", "true"));
        Assert.Equal("not_started", (await VideoStatusAsync(me, item)).GetProperty("video_status").GetProperty("uploading_phase").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_video_url_container_reports_its_video_status_too()
    {
        var me = await server.NewManagedPublisherAsync();
        var video = Reel();
        var container = (await server.CreateManagedContainerAsync(me, ("media_type", "REELS"), ("video_url", host.Serve($"/{Guid.NewGuid():N}.mp4", video, "video/mp4")))).CreatedId();
        var photo = (await server.CreateManagedContainerAsync(me, ("image_url", host.Serve($"/{Guid.NewGuid():N}.jpg", TestMedia.Jpeg(1080, 1080), "image/jpeg")))).CreatedId();

        var done = await server.WaitForManagedAsync(me, container, VideoStatusFields);
        var image = await server.WaitForManagedAsync(me, photo, VideoStatusFields);

        Assert.Equal(
            $$$"""{"uploading_phase":{"status":"complete","bytes_transferred":{{{video.Length}}}},"processing_phase":{"status":"complete"}}""",
            done.Json.GetProperty("video_status").GetRawText());
        Assert.False(image.Json.TryGetProperty("video_status", out _));
    }

    /// <summary>
    /// A POST that announces <paramref name="video"/>'s length but sends only <paramref name="sent"/> bytes,
    /// then stalls; <paramref name="whileStalled"/> runs before the connection is reset, as a client whose
    /// network dropped would find it.
    /// </summary>
    private async Task<int> SendCutShortAsync(string path, string token, byte[] video, int sent, Func<Task<int>> whileStalled)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nAuthorization: OAuth {token}\r\noffset: 0\r\nfile_size: {video.Length}\r\nContent-Length: {video.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(video.AsMemory(0, sent));
        var reported = await whileStalled();
        tcp.Client.LingerState = new LingerOption(true, 0); // closing now resets the connection
        return reported;
    }
}
