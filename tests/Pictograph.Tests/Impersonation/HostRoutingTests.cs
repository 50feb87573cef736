using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Impersonation;

/// <summary>
/// Each Meta host answers what it answers at Meta, over the TLS listener with a client that trusts only the
/// exported CA; a path that lives on another host gets this host's error; links point where Meta's do.
/// </summary>
public sealed class HostRoutingTests(ImpersonatingServer fixture) : IClassFixture<ImpersonatingServer>
{
    private const string Callback = "http://localhost:3000/auth/callback";
    private readonly PictographServer server = fixture.Server;

    private async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(string url)
    {
        using var response = await fixture.Meta.GetAsync(url);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, params (string, string)[] form)
    {
        using var response = await fixture.Meta.PostAsync(url, new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Item1, f.Item2))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private static int GraphCode(string body) => Json(body).GetProperty("error").GetProperty("code").GetInt32();

    [Fact]
    public async Task Graph_instagram_com_serves_basic_display_and_refuses_facebook_login_tokens()
    {
        var me = await GetAsync($"https://graph.instagram.com/me?fields=username&access_token={server.Demo.Token}");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(server.Demo.Username, Json(me.Body).GetProperty("username").GetString());

        var facebook = await server.DeveloperTokenAsync("public_profile");
        var refused = await GetAsync($"https://graph.instagram.com/me?access_token={facebook}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(190, GraphCode(refused.Body));
    }

    [Fact]
    public async Task Graph_facebook_com_serves_facebook_login_and_debug_token_and_refuses_instagram_tokens()
    {
        var facebook = await server.DeveloperTokenAsync("public_profile");
        var me = await GetAsync($"https://graph.facebook.com/v25.0/me?fields=id,name&access_token={facebook}");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.True(Json(me.Body).TryGetProperty("name", out _), me.Body);

        var appToken = $"{server.Demo.AppId}|{server.Demo.AppSecret}";
        var debug = await GetAsync($"https://graph.facebook.com/debug_token?input_token={facebook}&access_token={appToken}");
        Assert.Equal(HttpStatusCode.OK, debug.Status);
        Assert.True(Json(debug.Body).GetProperty("data").GetProperty("is_valid").GetBoolean(), debug.Body);

        var video = await GetAsync($"https://graph-video.facebook.com/me?access_token={facebook}");
        Assert.Equal(HttpStatusCode.OK, video.Status);

        var instagram = await GetAsync($"https://graph.facebook.com/me?access_token={server.Demo.Token}");
        Assert.Equal(190, GraphCode(instagram.Body));
    }

    [Fact]
    public async Task Debug_token_lives_on_graph_facebook_com_only()
    {
        var appToken = $"{server.Demo.AppId}|{server.Demo.AppSecret}";
        var elsewhere = await GetAsync($"https://graph.instagram.com/debug_token?input_token={server.Demo.Token}&access_token={appToken}");
        Assert.Equal("application/json", elsewhere.Type);
        Assert.True(Json(elsewhere.Body).TryGetProperty("error", out _), elsewhere.Body);
        Assert.False(Json(elsewhere.Body).TryGetProperty("data", out _));
    }

    [Fact]
    public async Task The_code_exchange_answers_in_each_hosts_own_error_shape()
    {
        var instagram = await PostAsync("https://api.instagram.com/oauth/access_token", ("client_id", server.Demo.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, instagram.Status);
        Assert.Equal("OAuthException", Json(instagram.Body).GetProperty("error_type").GetString());
        Assert.StartsWith("Missing required field", Json(instagram.Body).GetProperty("error_message").GetString(), StringComparison.Ordinal);

        var facebook = await PostAsync("https://graph.facebook.com/oauth/access_token", ("client_id", server.Demo.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, facebook.Status);
        Assert.True(Json(facebook.Body).TryGetProperty("error", out _), facebook.Body);

        // Long-lived exchange and refresh are graph.instagram.com's; graph.facebook.com reads "access_token" as an object id.
        var exchange = await GetAsync($"https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=wrong&access_token={server.Demo.Token}");
        Assert.Equal(HttpStatusCode.BadRequest, exchange.Status);
        Assert.True(Json(exchange.Body).TryGetProperty("error", out _), exchange.Body);
        var onFacebook = await GetAsync("https://graph.facebook.com/refresh_access_token?grant_type=ig_refresh_token");
        Assert.True(Json(onFacebook.Body).TryGetProperty("error", out _), onFacebook.Body);
        Assert.NotEqual(exchange.Body, onFacebook.Body);

        var unknown = await GetAsync("https://api.instagram.com/me");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(404, Json(unknown.Body).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_dialogs_are_where_metas_urls_put_them()
    {
        var query = $"client_id={server.Demo.AppId}&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code";
        foreach (var host in new[] { "api.instagram.com", "www.instagram.com" })
        {
            var dialog = await GetAsync($"https://{host}/oauth/authorize?{query}&scope=user_profile");
            Assert.Equal(HttpStatusCode.OK, dialog.Status);
            Assert.Contains("<form", dialog.Body, StringComparison.Ordinal);
        }

        var facebook = await GetAsync($"https://www.facebook.com/v25.0/dialog/oauth?{query}&scope=public_profile");
        Assert.Equal(HttpStatusCode.OK, facebook.Status);
        Assert.Contains("<form", facebook.Body, StringComparison.Ordinal);

        var wrongHost = await GetAsync($"https://www.facebook.com/oauth/authorize?{query}&scope=user_profile");
        Assert.Equal(HttpStatusCode.NotFound, wrongHost.Status);
        Assert.Equal("text/html", wrongHost.Type);

        // The developer dashboard is the plain listener's only.
        var dashboard = await GetAsync("https://www.facebook.com/developers/apps");
        Assert.Equal(HttpStatusCode.NotFound, dashboard.Status);
    }

    [Fact]
    public async Task Links_point_at_the_meta_host_that_serves_them_and_work()
    {
        var page = await GetAsync($"https://graph.instagram.com/me/media?fields=id,media_type,media_url,permalink&limit=2&access_token={server.Demo.Token}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var json = Json(page.Body);
        var next = json.GetProperty("paging").GetProperty("next").GetString()!;
        Assert.StartsWith("https://graph.instagram.com/v25.0/", next, StringComparison.Ordinal);
        var image = json.GetProperty("data").EnumerateArray().First(m => m.GetProperty("media_type").GetString() == "IMAGE");
        var mediaUrl = image.GetProperty("media_url").GetString()!;
        var permalink = image.GetProperty("permalink").GetString()!;
        Assert.StartsWith("https://scontent.cdninstagram.com/media/", mediaUrl, StringComparison.Ordinal);
        Assert.StartsWith("https://www.instagram.com/p/", permalink, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(next)).Status);
        var file = await GetAsync(mediaUrl);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("image/jpeg", file.Type);
        var post = await GetAsync(permalink);
        Assert.Equal(HttpStatusCode.OK, post.Status);
        Assert.Contains("https://scontent.cdninstagram.com/media/", post.Body, StringComparison.Ordinal);

        // A path of another host: the graph host's own error for it, the CDN's not-found.
        var permalinkOnGraph = await GetAsync(permalink.Replace("www.instagram.com", "graph.facebook.com", StringComparison.Ordinal));
        Assert.Equal("application/json", permalinkOnGraph.Type);
        Assert.True(Json(permalinkOnGraph.Body).TryGetProperty("error", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(mediaUrl.Replace("scontent.cdninstagram.com", "graph.instagram.com", StringComparison.Ordinal))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("https://scontent.cdninstagram.com/me")).Status);
    }

    [Fact]
    public async Task A_resumable_upload_is_sent_to_rupload_facebook_com()
    {
        var token = await server.DeveloperTokenAsync("instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement");
        var shop = server.Read(db => db.Accounts.AsNoTracking().Single(a => a.Username == "example_shop").Id);
        var created = await PostAsync($"https://graph.facebook.com/v25.0/{shop}/media", ("media_type", "REELS"), ("upload_type", "resumable"), ("access_token", token));
        Assert.True(created.Status == HttpStatusCode.OK, created.Body);
        var uri = Json(created.Body).GetProperty("uri").GetString()!;
        Assert.StartsWith("https://rupload.facebook.com/ig-api-upload/v25.0/", uri, StringComparison.Ordinal);

        // Without the Authorization header rupload answers in its own shape.
        var refused = await PostAsync(uri);
        Assert.True(Json(refused.Body).TryGetProperty("debug_info", out _), refused.Body);
        var unknown = await GetAsync("https://rupload.facebook.com/me");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.True(Json(unknown.Body).TryGetProperty("debug_info", out _), unknown.Body);
    }

    [Fact]
    public async Task A_host_that_is_not_a_meta_host_is_refused_on_the_tls_listener()
    {
        // A client that sends a Meta name in the handshake and another Host in the request.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.TlsEndpoint());
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "graph.instagram.com",
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                MetaClient.TrustsOnly(server.ExportedCa(), new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate!), server.Clock.GetUtcNow(), errors),
        });
        var request = $"GET /me?access_token={server.Demo.Token} HTTP/1.0\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(tls);
        var answer = await reader.ReadToEndAsync();
        Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), answer);
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.True(GraphCode(body) == 100, answer);
        Assert.Contains("evil.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_listener_still_serves_everything_on_one_origin()
    {
        var page = await server.GetAsync($"/me/media?fields=media_url,permalink&limit=1&access_token={server.Demo.Token}");
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith(origin + "/v25.0/", page.Json.GetProperty("paging").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(origin + "/p/", page.Json.GetProperty("data")[0].GetProperty("permalink").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await server.GetAsync("/developers/signin")).Status);
    }

    [Theory]
    [InlineData("graph.facebook.com")]
    [InlineData("graph.instagram.com")]
    [InlineData("api.instagram.com")]
    [InlineData("www.facebook.com")]
    public async Task The_control_api_is_not_there_on_the_hosts_that_answer_as_meta(string host)
    {
        var clock = await GetAsync($"https://{host}/_pictograph/clock");
        var reset = await PostAsync($"https://{host}/_pictograph/reset", ("to", "empty"));

        Assert.NotEqual(HttpStatusCode.OK, clock.Status);
        Assert.DoesNotContain("unix", clock.Body, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, reset.Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"https://graph.instagram.com/me?fields=id&access_token={server.Demo.Token}")).Status);
    }
}
