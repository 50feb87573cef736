using Microsoft.Extensions.Logging;
using Pictograph.Tests.Infrastructure;
using Pictograph.Web;

namespace Pictograph.Tests.Web;

/// <summary>
/// A URL or headers over the configured limits get the Graph error envelope (414, 431), not Kestrel's empty answer;
/// only what Kestrel itself refuses before any application code runs stays bare.
/// </summary>
public sealed class RequestLimitTests(LoggedServer logged) : IClassFixture<LoggedServer>
{
    private PictographServer Server => logged.Server;

    private string Me(int length)
    {
        var path = $"/me?access_token={Server.Demo.Token}&fields=id&pad=";
        return path + new string('a', length - path.Length);
    }

    [Fact]
    public async Task A_URL_at_the_limit_is_answered()
    {
        var response = await Server.SendAsync(RawHttp.Request("GET", Me(8192), []));

        Assert.True(response.Status == 200, response.Body);
    }

    [Theory]
    [InlineData(8193)]
    [InlineData(20_000)]
    public async Task A_URL_over_the_limit_is_a_414_in_the_Graph_envelope(int length)
    {
        var (response, entries) = await logged.Logs.DuringAsync(() => Server.SendAsync(RawHttp.Request("GET", Me(length), [])));

        GraphAssert.Error(response, 414, 100, message: $"(#100) The request URL is {length} bytes long; this server answers URLs of at most 8192 bytes (send long parameters in a POST body)");
        AssertOneLine(entries);
    }

    [Fact]
    public async Task Headers_over_the_limit_are_a_431_in_the_Graph_envelope()
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.Request("GET", "/me", [], $"X-Big: {new string('a', 40_000)}")));

        var error = GraphAssert.Error(response, 431, 100);
        Assert.StartsWith("(#100) The request headers are 40", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("bytes; this server answers at most 32768 bytes of headers", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertOneLine(entries);
    }

    [Fact]
    public async Task Too_many_headers_are_a_431_in_the_Graph_envelope()
    {
        var headers = Enumerable.Range(0, 150).Select(i => $"X-H{i}: v").ToArray();

        var response = await Server.SendAsync(RawHttp.Request("GET", "/me", [], headers));

        GraphAssert.Error(response, 431, 100, message: "(#100) The request has 152 headers; this server answers at most 100");
    }

    /// <summary>Kestrel's own limits are four times the configured ones: beyond them it answers before any middleware.</summary>
    [Fact]
    public async Task A_URL_beyond_Kestrel_s_own_limit_stays_a_bare_414()
    {
        var response = await Server.SendAsync(RawHttp.Request("GET", Me(40_000), []));

        Assert.Equal(414, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task Dot_segments_are_resolved_and_answered_in_the_Graph_envelope()
    {
        var response = await Server.SendAsync(RawHttp.Request("GET", $"/me/../../etc/passwd?access_token={Server.Demo.Token}", []));

        GraphAssert.Error(response, 400, 803, message: "(#803) Some of the aliases you requested do not exist: etc");
    }

    /// <summary>Kestrel refuses a path with a NUL in it while parsing the request line, and offers no hook there.</summary>
    [Fact]
    public async Task A_NUL_in_the_path_stays_Kestrel_s_bare_400()
    {
        var response = await Server.SendAsync(RawHttp.Request("GET", "/me%00", []));

        Assert.Equal(400, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task The_limits_are_settings()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:MaxUrlBytes=2048", "--Pictograph:MaxHeaderBytes=4096", "--Pictograph:MaxHeaderCount=20");
        var server = own.Server;
        var url = $"/me?access_token={server.Demo.Token}&pad=" + new string('a', 2048);

        GraphAssert.Error(await server.SendAsync(RawHttp.Request("GET", url, [])), 414, 100);
        GraphAssert.Error(await server.SendAsync(RawHttp.Request("GET", "/me", [], $"X-Big: {new string('a', 5000)}")), 431, 100);
        GraphAssert.Error(await server.SendAsync(RawHttp.Request("GET", "/me", [], [.. Enumerable.Range(0, 20).Select(i => $"X-H{i}: v")])), 431, 100);
        // Kestrel's own limit follows the setting: four times it.
        var beyond = await server.SendAsync(RawHttp.Request("GET", url + new string('a', 4 * 2048), []));
        Assert.Equal(414, beyond.Status);
        Assert.Equal("", beyond.Body);
    }

    private static void AssertOneLine(IReadOnlyList<LogEntry> entries)
    {
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
        Assert.Equal(LogLevel.Information, Assert.Single(entries, e => e.Category == RefusedInput.Category).Level);
    }
}
