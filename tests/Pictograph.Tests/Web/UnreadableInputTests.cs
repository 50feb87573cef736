using System.Text;
using Microsoft.Extensions.Logging;
using Pictograph.Tests.Infrastructure;
using Pictograph.Web;

namespace Pictograph.Tests.Web;

/// <summary>
/// Bodies the server cannot decode are the client's fault: a 4xx with a message that says why (the Graph envelope on
/// the Graph, token and debug endpoints), and one information line in the log, never an error with a stack trace.
/// </summary>
public sealed class UnreadableInputTests(LoggedServer logged) : IClassFixture<LoggedServer>
{
    private PictographServer Server => logged.Server;

    private string Me => $"/me?access_token={Server.Demo.Token}";

    private const string Form = "application/x-www-form-urlencoded";

    private const string Json = "application/json";

    public static TheoryData<string, byte[]> NotUnicodeJson => new()
    {
        { "lone surrogate escape", Encoding.ASCII.GetBytes("""{"fields":"\ud800"}""") },
        { "lone low surrogate escape", Encoding.ASCII.GetBytes("""{"fields":"id\udc00"}""") },
        { "invalid UTF-8 in a value", [.. "{\"fields\":\""u8, 0xFF, 0xFE, .. "\"}"u8] },
        { "invalid UTF-8 in a name", [.. "{\""u8, 0xC3, .. "\":\"id\"}"u8] },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeJson))]
    public async Task A_JSON_string_that_is_not_Unicode_is_a_400(string _, byte[] body)
    {
        var (response, entries) = await logged.Logs.DuringAsync(() => Server.SendAsync(RawHttp.WithLength("POST", Me, Json, body)));

        GraphAssert.Error(response, 400, 100);
        Assert.Contains("not valid Unicode", response.ErrorMessage, StringComparison.Ordinal);
        AssertOneLine(entries);
    }

    [Theory]
    [InlineData(Form, "fields=id")]
    [InlineData(Json, """{"fields":"id"}""")]
    public async Task A_chunk_size_that_overflows_is_a_400(string contentType, string body)
    {
        var framing = $"ffffffffffff\r\n{body}\r\n0\r\n\r\n";

        var (response, entries) = await logged.Logs.DuringAsync(() => Server.SendAsync(RawHttp.Chunked("POST", Me, contentType, framing)));

        GraphAssert.Error(response, 400, 100);
        AssertOneLine(entries);
    }

    [Fact]
    public async Task A_chunk_size_that_overflows_on_a_page_is_a_400()
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.Chunked("POST", "/developers/signin", Form, "ffffffffffff\r\nemail=x\r\n0\r\n\r\n")));

        Assert.Equal(400, response.Status);
        Assert.Equal("The request body could not be read.", response.Body);
        AssertOneLine(entries);
    }

    [Theory]
    [InlineData(Form)]
    [InlineData(Json)]
    public async Task A_chunked_body_over_the_cap_is_a_400(string contentType)
    {
        // The cap is 1 MiB; a chunked body announces no length, so it has to be stopped while it is read.
        var value = new string('a', 1024 * 1024 + 64);
        var body = contentType == Form ? $"fields={value}" : $$"""{"fields":"{{value}}"}""";
        var framing = $"{body.Length:x}\r\n{body}\r\n0\r\n\r\n";

        var (response, entries) = await logged.Logs.DuringAsync(() => Server.SendAsync(RawHttp.Chunked("POST", Me, contentType, framing)));

        GraphAssert.Error(response, 400, 100, message: "(#100) The request body is larger than 1048576 bytes");
        AssertOneLine(entries);
    }

    [Theory]
    [InlineData("POST", "/me")]
    [InlineData("GET", "/v25.0/me")]
    [InlineData("GET", "/debug_token")]
    [InlineData("POST", "/v25.0/oauth/access_token")]
    public async Task A_form_in_UTF_7_is_a_400_in_the_Graph_envelope(string method, string path)
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.WithLength(method, path, Form + "; charset=utf-7", "fields=id"u8.ToArray())));

        GraphAssert.Error(response, 400, 100, message: "(#100) " + RefusedInput.UnsupportedCharsetMessage);
        AssertOneLine(entries);
    }

    [Fact]
    public async Task A_form_in_UTF_7_at_the_Instagram_token_endpoint_is_a_400_in_its_own_shape()
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.WithLength("POST", "/oauth/access_token", Form + "; charset=utf-7", "grant_type=authorization_code"u8.ToArray())));

        Assert.Equal(400, response.Status);
        Assert.Contains(RefusedInput.UnsupportedCharsetMessage, response.Body, StringComparison.Ordinal);
        AssertOneLine(entries);
    }

    [Theory]
    [InlineData("/oauth/authorize/sign-in")]
    [InlineData("/oauth/authorize/consent")]
    [InlineData("/dialog/oauth/sign-in")]
    [InlineData("/developers/signin")]
    public async Task A_form_in_UTF_7_on_a_page_is_a_415(string path)
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.WithLength("POST", path, Form + "; charset=utf-7", "a=b"u8.ToArray())));

        Assert.Equal(415, response.Status);
        Assert.Equal(RefusedInput.UnsupportedCharsetMessage + ".", response.Body);
        AssertOneLine(entries);
    }

    private static readonly byte[] Utf7Section =
        "--z\r\nContent-Disposition: form-data; name=\"fields\"\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nid\r\n--z--\r\n"u8.ToArray();

    [Fact]
    public async Task A_multipart_section_in_UTF_7_is_a_400_in_the_Graph_envelope()
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.WithLength("POST", Me, "multipart/form-data; boundary=z", Utf7Section)));

        GraphAssert.Error(response, 400, 100, message: "(#100) " + RefusedInput.UnsupportedCharsetMessage);
        AssertOneLine(entries);
    }

    [Fact]
    public async Task A_multipart_section_in_UTF_7_on_a_page_is_a_415()
    {
        var (response, entries) = await logged.Logs.DuringAsync(() =>
            Server.SendAsync(RawHttp.WithLength("POST", "/developers/signin", "multipart/form-data; boundary=z", Utf7Section)));

        Assert.Equal(415, response.Status);
        AssertOneLine(entries);
    }

    /// <summary>JSON inside parameters (a fields list, a batch) is read where it is used, so it is checked when parsed.</summary>
    public static TheoryData<string, string> NotUnicodeJsonParameters => new()
    {
        { "/me", """fields=["id","\ud800"]""" },
        { "/", """batch=[{"method":"GET","relative_url":"me?fields=\ud800"}]""" },
        { "/", """batch=[{"method":"GET","relative_url":"me\udfff"}]""" },
        { "/", """batch=[{"method":"POST","relative_url":"me","body":"message=\ud800"}]""" },
        { "/", """batch=[{"method":"GET","relative_url":"me","name":"\ud800"}]""" },
        { "/", """batch=[{"\ud800":"GET","relative_url":"me"}]""" },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeJsonParameters))]
    public async Task A_JSON_parameter_with_a_string_that_is_not_Unicode_is_a_400(string path, string parameter)
    {
        var (name, value) = (parameter[..parameter.IndexOf('=', StringComparison.Ordinal)], parameter[(parameter.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var target = $"{path}?{name}={Uri.EscapeDataString(value)}&access_token={Server.Demo.Token}";

        var (response, entries) = await logged.Logs.DuringAsync(() => Server.SendAsync(RawHttp.Request(path == "/" ? "POST" : "GET", target, [])));

        var error = GraphAssert.Error(response, 400, 100);
        Assert.Contains("not valid Unicode", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
    }

    /// <summary>The refusal is one information line; nothing is logged as an error or with an exception.</summary>
    private static void AssertOneLine(IReadOnlyList<LogEntry> entries)
    {
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
        var line = Assert.Single(entries, e => e.Category == RefusedInput.Category);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.DoesNotContain('\n', line.Message);
    }
}
