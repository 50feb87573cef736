using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Impersonation;

/// <summary>
/// The plain listener: a Host header decides where links point only when the server answers to it, and
/// X-Forwarded-* count only from a configured proxy.
/// </summary>
public sealed class RequestHostTests
{
    private static async Task<GraphResponse> GetAsync(PictographServer server, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        return await server.SendAsync(request);
    }

    private static string Next(GraphResponse page) => page.Json.GetProperty("paging").GetProperty("next").GetString()!;

    [Fact]
    public async Task A_host_the_server_does_not_answer_to_is_refused_and_never_gets_the_token_in_a_link()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var path = $"/me/media?fields=id&limit=1&access_token={server.Demo.Token}";

        var evil = await GetAsync(server, path, ("Host", "evil.example"));
        Assert.Equal(400, evil.Status);
        Assert.Equal(100, evil.ErrorCode);
        Assert.Contains("Pictograph:AllowedHosts", evil.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Demo.Token, evil.Body, StringComparison.Ordinal);

        var port = server.BaseAddress.Port;
        var local = await GetAsync(server, path, ("Host", $"localhost:{port}"));
        Assert.Equal(200, local.Status);
        Assert.StartsWith($"http://localhost:{port}/", Next(local), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_host_is_answered_to()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AllowedHosts:0=photos.example", "--Pictograph:AllowedHosts:1=*.cdn.example");
        var server = own.Server;
        var path = $"/me/media?fields=id&limit=1&access_token={server.Demo.Token}";
        Assert.StartsWith("http://photos.example/", Next(await GetAsync(server, path, ("Host", "photos.example"))), StringComparison.Ordinal);
        Assert.Equal(200, (await GetAsync(server, path, ("Host", "eu.cdn.example"))).Status);
        Assert.Equal(400, (await GetAsync(server, path, ("Host", "cdn.example.evil"))).Status);
    }

    [Fact]
    public async Task Forwarded_headers_count_from_a_configured_proxy_only()
    {
        (string, string)[] forwarded = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "api.example.com"), ("X-Forwarded-For", "203.0.113.9")];

        await using (var untrusted = await OwnServer.StartAsync("--Pictograph:AllowedHosts:0=api.example.com"))
        {
            var server = untrusted.Server;
            var page = await GetAsync(server, $"/me/media?fields=id&limit=1&access_token={server.Demo.Token}", forwarded);
            Assert.StartsWith(server.BaseAddress.GetLeftPart(UriPartial.Authority) + "/", Next(page), StringComparison.Ordinal);
        }

        await using var behindProxy = await OwnServer.StartAsync("--Pictograph:TrustedProxies:0=127.0.0.1", "--Pictograph:AllowedHosts:0=api.example.com");
        var proxied = behindProxy.Server;
        var through = await GetAsync(proxied, $"/me/media?fields=id,media_url&limit=1&access_token={proxied.Demo.Token}", forwarded);
        Assert.StartsWith("https://api.example.com/v25.0/", Next(through), StringComparison.Ordinal);
        Assert.StartsWith("https://api.example.com/media/", through.Json.GetProperty("data")[0].GetProperty("media_url").GetString(), StringComparison.Ordinal);

        // The proxy's forwarded host is checked like any Host.
        var evil = await GetAsync(proxied, $"/me?access_token={proxied.Demo.Token}", ("X-Forwarded-Host", "evil.example"));
        Assert.Equal(400, evil.Status);
    }

    [Fact]
    public async Task A_trusted_proxy_network_is_given_in_cidr()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:TrustedProxies:0=127.0.0.0/8", "--Pictograph:AllowedHosts:0=api.example.com");
        var server = own.Server;
        var page = await GetAsync(server, $"/me/media?fields=id&limit=1&access_token={server.Demo.Token}", ("X-Forwarded-Host", "api.example.com"), ("X-Forwarded-Proto", "https"));
        Assert.StartsWith("https://api.example.com/", Next(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_server_at_start()
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => OwnServer.StartAsync("--Pictograph:TrustedProxies:0=proxy.example"));
        Assert.Contains("proxy.example", refused.Message, StringComparison.Ordinal);
    }
}
