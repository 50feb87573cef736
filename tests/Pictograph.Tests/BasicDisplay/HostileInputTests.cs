using System.Text;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>Whatever a client sends, the answer is a Graph error envelope with a 4xx, never a 500.</summary>
[Collection(ServerCollection.Name)]
public sealed class HostileInputTests(PictographServer server)
{
    private string Token => server.Demo.Token;

    private string JaneId => DemoData.Id(server.Demo.AccountId);

    private async Task<GraphResponse> FieldsInQueryAsync(string path, string fields) =>
        await server.GetAsync($"{path}?fields={Uri.EscapeDataString(fields)}&access_token={Token}");

    private async Task<GraphResponse> FieldsInFormAsync(string path, string fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?access_token={Token}")
        {
            Content = new FormUrlEncodedContent([new("fields", fields)]),
        };
        return await server.SendAsync(request);
    }

    /// <summary>Too long for a request line (Kestrel's limit is 8 KiB): clients send these in a body.</summary>
    public static TheoryData<string> LongFields => new()
    {
        new string('a', 10_000),
        string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"f{i}")),
        string.Concat(Enumerable.Repeat("{", 5_000)),
        "id" + new string(' ', 9_000),
        string.Concat(Enumerable.Repeat("media{", 1_000)) + "id" + new string('}', 1_000),
    };

    public static TheoryData<string> HostileFields => new()
    {
        new string('a', 2_000),
        string.Concat(Enumerable.Repeat("media{", 50)) + "id" + new string('}', 50),
        string.Concat(Enumerable.Repeat("{", 500)),
        string.Concat(Enumerable.Repeat("}", 500)),
        "media{children{children{children{children{children{children{children{children{id}}}}}}}}}",
        "media{id",
        "media{id}}",
        "id}",
        "{id}",
        "id,,username",
        "id,",
        ",",
        "media.limit(",
        "media.limit(5",
        "media.limit)5(",
        "media.(5){id}",
        "media..limit(5){id}",
        "media.limit(5){}",
        "id\u0000username",
        "id,\u0001username",
        "id\r\nX-Injected: yes",
        "\u007f",
        "\"id\"",
        "username\u200b",
        "médïa{id}",
        "用户名",
        "😀",
        "\ud800",
        "media.limit(abc){id}",
        "media.limit(0){id}",
        "media.limit(-5){id}",
        "media.after(nonsense){id}",
        "media.since(not a date){id}",
        "media{caption{id}}",
        "username{id}",
        "media{id,id}",
        "id.as(username),username",
        "id.as()",
        "id.as(<b>x</b>)",
        "media.as(1x){id}",
    };

    [Theory]
    [MemberData(nameof(HostileFields))]
    public async Task Hostile_fields_on_me_are_client_errors(string fields)
    {
        GraphAssert.ClientError(await FieldsInQueryAsync("/me", fields));
    }

    [Theory]
    [MemberData(nameof(HostileFields))]
    public async Task Hostile_fields_on_the_media_edge_are_client_errors(string fields)
    {
        GraphAssert.ClientError(await FieldsInQueryAsync("/v21.0/me/media", fields));
    }

    [Theory]
    [MemberData(nameof(HostileFields))]
    [MemberData(nameof(LongFields))]
    public async Task Hostile_fields_in_a_form_body_are_client_errors(string fields)
    {
        GraphAssert.ClientError(await FieldsInFormAsync("/me", fields));
        GraphAssert.ClientError(await FieldsInFormAsync("/me/media", fields));
    }

    [Fact]
    public async Task Fields_of_ten_thousand_characters_are_a_100()
    {
        var response = await FieldsInFormAsync("/me", new string('a', 10_000));

        GraphAssert.Error(response, 400, 100, message: "(#100) Syntax error in the fields parameter: the fields parameter is longer than 8192 characters");
    }

    [Fact]
    public async Task Fields_nested_too_deep_are_a_100()
    {
        var response = await FieldsInQueryAsync("/me", string.Concat(Enumerable.Repeat("media{", 20)) + "id" + new string('}', 20));

        var error = GraphAssert.Error(response, 400, 100);
        Assert.Contains("nested deeper than", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_fields_are_a_100_with_a_clean_header()
    {
        var response = await FieldsInQueryAsync("/me", "id\r\nX-Injected: yes");

        GraphAssert.Error(response, 400, 100);
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.DoesNotContain('\n', GraphAssert.Authenticate(response));
    }

    [Fact]
    public async Task Overlong_request_line_is_refused_by_http_not_a_500()
    {
        var response = await server.GetAsync($"/me?fields={new string('a', 10_000)}&access_token={Token}");

        Assert.Equal(414, response.Status);
    }

    public static TheoryData<string> HostilePaths => new()
    {
        "/",
        "/v25.0",
        "/v25.0/",
        "/123456789012345678901234567890",
        "/v21.0/123456789012345678901234567890/media",
        "/99999999999999999999",
        "/9223372036854775807",
        "/9223372036854775808",
        "/0",
        "/-1",
        "/17841400000000199",
        "/17841400000000100",
        "/17841400000000001",
        "/100000000000000004",
        "/178700000000000103",
        "/1",
        "/caf%C3%A9",
        "/%E2%9C%93/media",
        "/me/m%C3%A9dia",
        "/%F0%9F%98%80",
        "/%E5%90%8D%E5%89%8D",
        "/me/%0d%0aX-Injected:%20yes",
        "/%01",
        "/me/%7f",
        "/%22quoted%22",
        "/me/media/a/b/c/d/e/f",
        "/v99.99/me/media/extra",
        "/v1/me",
        "/me;x=1",
        "/me/%20",
        "/" + new string('a', 3_000),
        "/" + new string('9', 3_000),
        "/me/" + new string('x', 500),
        "/" + string.Concat(Enumerable.Repeat("%C3%A9", 1_200)),
    };

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task Hostile_paths_are_client_errors(string path)
    {
        var response = await server.GetAsync($"{path}?access_token={Token}");

        GraphAssert.ClientError(response);
    }

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task Hostile_paths_without_a_token_are_client_errors(string path)
    {
        GraphAssert.ClientError(await server.GetAsync(path));
    }

    [Theory]
    [InlineData("/me%00")]
    [InlineData("/me/%00")]
    public async Task Paths_that_http_refuses_are_4xx_not_500(string path)
    {
        // Kestrel rejects a NUL in the path before the app sees it: a plain 400, no envelope to check.
        var response = await server.GetAsync($"{path}?access_token={Token}");

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task Unknown_kind_of_id_is_an_unsupported_get()
    {
        var response = await server.GetAsync($"/17841400000000199?access_token={Token}");

        GraphAssert.Error(response, 400, 100, subcode: 33);
    }

    [Fact]
    public async Task Thirty_digit_id_is_an_unsupported_get()
    {
        var response = await server.GetAsync($"/123456789012345678901234567890?access_token={Token}");

        GraphAssert.Error(response, 400, 100, subcode: 33);
    }

    [Fact]
    public async Task Root_path_asks_for_a_node()
    {
        var response = await server.GetAsync($"/?access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Unicode_alias_is_an_803_and_keeps_its_text_in_the_body()
    {
        var response = await server.GetAsync($"/caf%C3%A9?access_token={Token}");

        GraphAssert.Error(response, 400, 803, message: "(#803) Some of the aliases you requested do not exist: café");
    }

    private async Task<GraphResponse> BodyAsync(HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await server.SendAsync(request);
    }

    [Fact]
    public async Task Three_megabyte_json_body_is_a_client_error()
    {
        var json = $$"""{"access_token":"{{Token}}","fields":"id","padding":"{{new string('x', 3 * 1024 * 1024)}}"}""";

        var response = await BodyAsync(HttpMethod.Get, "/me", new StringContent(json, Encoding.UTF8, "application/json"));

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Three_megabyte_chunked_json_body_is_a_client_error()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"access_token":"{{Token}}","padding":"{{new string('x', 3 * 1024 * 1024)}}"}""");
        var content = new StreamContent(new MemoryStream(json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await server.SendAsync(request);

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Three_megabyte_form_body_is_a_client_error()
    {
        var content = new FormUrlEncodedContent([new("access_token", Token), new("padding", new string('x', 3 * 1024 * 1024))]);

        var response = await BodyAsync(HttpMethod.Get, "/me", content);

        GraphAssert.ClientError(response);
    }

    public static TheoryData<string> HostileJson => new()
    {
        "{",
        "not json",
        "[]",
        "\"access_token\"",
        "123",
        "null",
        """{"access_token": }""",
        """{"access_token": "a"}{"fields": "id"}""",
        string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100),
        string.Concat(Enumerable.Repeat("[", 10_000)),
        """{"access_token": 12345}""",
        """{"access_token": ["IGQVJ"]}""",
        """{"access_token": null}""",
        """{"access_token": "\u0000"}""",
        "\uFEFF{\"access_token\": \"x\"}",
    };

    [Theory]
    [MemberData(nameof(HostileJson))]
    public async Task Hostile_json_bodies_are_client_errors(string json)
    {
        GraphAssert.ClientError(await BodyAsync(HttpMethod.Get, "/me", new StringContent(json, Encoding.UTF8, "application/json")));
    }

    [Theory]
    [MemberData(nameof(HostileJson))]
    public async Task Hostile_json_bodies_with_a_query_token_are_client_errors_or_ignored(string json)
    {
        var response = await BodyAsync(HttpMethod.Get, $"/me?access_token={Token}", new StringContent(json, Encoding.UTF8, "application/json"));

        // A body that parses to an object may override the token with a bad one; anything else is refused.
        GraphAssert.ClientError(response);
    }

    [Fact]
    public async Task Invalid_json_body_is_a_100()
    {
        var response = await BodyAsync(HttpMethod.Get, $"/me?access_token={Token}", new StringContent("{\"fields\":", Encoding.UTF8, "application/json"));

        GraphAssert.Error(response, 400, 100, message: "(#100) The request body is not valid JSON");
    }

    [Fact]
    public async Task Malformed_form_body_is_a_client_error()
    {
        var content = new ByteArrayContent([0xFF, 0xFE, 0x00, (byte)'=', (byte)'%', (byte)'Z']);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        GraphAssert.ClientError(await BodyAsync(HttpMethod.Get, $"/me?fields=id,%ZZ", content));
    }

    [Fact]
    public async Task Multipart_body_with_garbage_is_a_client_error()
    {
        var content = new ByteArrayContent("--x\r\nnot a part"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");

        GraphAssert.ClientError(await BodyAsync(HttpMethod.Post, "/me", content));
    }

    [Theory]
    [InlineData("limit", "99999999999999999999999999")]
    [InlineData("limit", "%00")]
    [InlineData("after", "%F0%9F%98%80")]
    [InlineData("before", "QVFI%0d%0a")]
    [InlineData("since", "99999999999999999999999")]
    [InlineData("until", "-99999999999999999999")]
    [InlineData("since", "%E2%9C%93")]
    public async Task Hostile_paging_parameters_are_client_errors(string name, string value)
    {
        var response = await server.GetAsync($"/{JaneId}/media?{name}={value}&access_token={Token}");

        GraphAssert.ClientError(response);
    }

    [Theory]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775807")]
    [InlineData("253402300800")]
    public async Task Extreme_time_windows_do_not_break_the_server(string value)
    {
        var since = await server.GetAsync($"/me/media?since={value}&access_token={Token}");
        var until = await server.GetAsync($"/me/media?until={value}&access_token={Token}");

        Assert.True(since.Status is 200 or 400, since.Body);
        Assert.True(until.Status is 200 or 400, until.Body);
        Assert.Equal(since.Status == 200 ? "data" : "error", since.Json.EnumerateObject().First().Name);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Write_verbs_the_graph_does_not_support_get_the_envelope(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/me?access_token={Token}");

        var response = await server.SendAsync(request);

        GraphAssert.Error(response, 400, 100);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task Other_verbs_are_refused_by_routing_not_a_500(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/me?access_token={Token}");

        var response = await server.SendAsync(request);

        // No Graph endpoint takes these verbs: routing answers 405 (without the Graph envelope).
        Assert.Equal(405, response.Status);
    }

    [Fact]
    public async Task Method_override_to_delete_is_refused()
    {
        var response = await server.GetAsync($"/me?method=delete&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Repeated_parameters_do_not_break_the_server()
    {
        var response = await server.GetAsync($"/me/media?limit=2&limit=3&fields=id&fields=caption&access_token=x&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(3, response.Json.GetProperty("data").GetArrayLength());
    }
}
