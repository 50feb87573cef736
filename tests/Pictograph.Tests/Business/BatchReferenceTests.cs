using System.Text.Json;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>Batch operations that use each other: <c>name</c>, <c>depends_on</c>, <c>omit_response_on_success</c> and <c>{result=NAME:$.path}</c>.</summary>
public sealed class BatchReferenceTests(PictographServer server) : IClassFixture<PictographServer>
{
    private async Task<List<JsonElement>> BatchAsync(string token, params object[] operations)
    {
        var response = await server.PostFormAsync("/", ("batch", JsonSerializer.Serialize(operations)), ("access_token", token));
        AssertOk(response);
        return [.. response.Json.EnumerateArray()];
    }

    /// <summary>An operation's answer as a response of its own (status, headers, body), for the usual checks.</summary>
    private static GraphResponse Answer(JsonElement item)
    {
        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        using var carrier = new HttpResponseMessage();
        var headers = item.GetProperty("headers").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h.GetProperty("value").GetString()!);
        foreach (var (name, value) in headers.Where(h => h.Key != "Content-Type"))
        {
            carrier.Headers.TryAddWithoutValidation(name, value);
        }

        return new GraphResponse(item.GetProperty("code").GetInt32(), carrier.Headers, headers["Content-Type"], item.GetProperty("body").GetString()!);
    }

    [Fact]
    public async Task A_reference_feeds_an_earlier_result_into_the_url_and_the_referenced_slot_is_null()
    {
        var ig = await server.InstagramLoginTokenAsync(Shop);

        var items = await BatchAsync(ig,
            new { method = "GET", name = "me", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = "{result=me:$.id}/media?fields=id,caption&limit=2" });
        var direct = await server.GetAsync($"/me/media?fields=id,caption&limit=2&access_token={ig}");

        Assert.Equal(JsonValueKind.Null, items[0].ValueKind);
        var media = Answer(items[1]);
        AssertOk(media);
        Assert.Equal(2, media.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(direct.Json.GetProperty("data").GetRawText(), media.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_wildcard_joins_every_match_with_commas_and_omit_false_keeps_the_result()
    {
        var ig = await server.InstagramLoginTokenAsync(Shop);

        var items = await BatchAsync(ig,
            new { method = "GET", name = "m", relative_url = "me/media?fields=id&limit=3", omit_response_on_success = false },
            new { method = "GET", relative_url = "?ids={result=m:$.data.*.id}&fields=caption" },
            // As an SDK sends it: the reference URL-encoded with the rest of the query.
            new { method = "GET", relative_url = "?ids=%7Bresult%3Dm%3A%24.data%5B2%5D.id%7D&fields=id" });

        var listed = Answer(items[0]);
        AssertOk(listed);
        var ids = GraphAssert.Ids(listed.Json);
        Assert.Equal(3, ids.Count);
        var byId = Answer(items[1]);
        AssertOk(byId);
        Assert.Equal(ids, GraphAssert.Names(byId.Json));
        Assert.All(ids, id => Assert.True(byId.Json.GetProperty(id).TryGetProperty("caption", out _)));
        var third = Answer(items[2]);
        AssertOk(third);
        Assert.Equal([ids[2]], GraphAssert.Names(third.Json));
    }

    [Fact]
    public async Task A_reference_in_a_post_body_is_url_encoded_into_its_parameter()
    {
        var media = await server.NewMediaAsync();
        var question = await server.AddCommentAsync(media.Id, CommentWorld.Jane, "Where & when? 100% + more");
        var ig = await server.InstagramLoginTokenAsync(Shop, CommentWorld.InstagramManage);

        var items = await BatchAsync(ig,
            new { method = "GET", name = "q", relative_url = $"{media.Id}/comments?fields=id,text" },
            new { method = "POST", relative_url = "{result=q:$.data[0].id}/replies", body = "message=Re: {result=q:$.data.0.text}" });

        Assert.Equal(JsonValueKind.Null, items[0].ValueKind);
        var reply = server.FindComment(CommentWorld.CreatedId(Answer(items[1])));
        Assert.NotNull(reply);
        Assert.Equal(question.Id, reply.ParentId);
        Assert.Equal("Re: Where & when? 100% + more", reply.Text);
    }

    [Fact]
    public async Task Depends_on_orders_without_a_reference_and_an_explicit_omit_hides_a_success()
    {
        var fb = await server.FacebookTokenAsync();

        var items = await BatchAsync(fb,
            new { method = "GET", name = "first", relative_url = "me?fields=id" },
            new { method = "GET", name = "second", depends_on = "first", relative_url = "me?fields=name", omit_response_on_success = "false" },
            new { method = "GET", relative_url = "me?fields=id", omit_response_on_success = true });

        Assert.Equal(JsonValueKind.Null, items[0].ValueKind);
        AssertOk(Answer(items[1]));
        Assert.True(Answer(items[1]).Json.TryGetProperty("name", out _));
        Assert.Equal(JsonValueKind.Null, items[2].ValueKind);
    }

    [Fact]
    public async Task An_operation_that_needs_a_failed_one_is_not_run_and_answers_an_error()
    {
        var fb = await server.FacebookTokenAsync();
        var media = await server.NewMediaAsync();
        var ig = await server.InstagramLoginTokenAsync(Shop, CommentWorld.InstagramManage);

        var items = await BatchAsync(fb,
            new { method = "GET", name = "a", relative_url = server.IdOf(Personal) },
            new { method = "GET", name = "b", depends_on = "a", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = "{result=a:$.id}?fields=id" },
            new { method = "GET", depends_on = "b", relative_url = "me?fields=id" },
            new { method = "POST", depends_on = "a", relative_url = $"{media.Id}/comments?access_token={ig}", body = "message=never" });

        GraphAssert.Error(Answer(items[0]), 400, 100, 33);
        const string afterA = "(#100) This operation depends on the batch operation a, which failed";
        GraphAssert.Error(Answer(items[1]), 400, 100, message: afterA);
        GraphAssert.Error(Answer(items[2]), 400, 100, message: afterA);
        GraphAssert.Error(Answer(items[3]), 400, 100, message: "(#100) This operation depends on the batch operation b, which failed");
        GraphAssert.Error(Answer(items[4]), 400, 100, message: afterA);
        Assert.Empty(CommentWorld.Texts((await server.GetAsync($"/{media.Id}/comments?fields=text&access_token={ig}")).Json));
    }

    [Fact]
    public async Task A_bad_reference_fails_only_its_own_operation_with_a_message_naming_it()
    {
        var fb = await server.FacebookTokenAsync();

        var items = await BatchAsync(fb,
            new { method = "GET", name = "me", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = "{result=me:$..id}" },
            new { method = "GET", relative_url = "{result=me:$.data[?(@.id)].id}" },
            new { method = "GET", relative_url = "{result=me:$.data.5.id}" },
            new { method = "GET", relative_url = "{result=nobody:$.id}" },
            new { method = "GET", depends_on = "later", relative_url = "me" },
            new { method = "GET", name = "self", relative_url = "{result=self:$.id}" },
            new { method = "GET", name = "later", relative_url = "me?fields=id", omit_response_on_success = false },
            new { method = "GET", relative_url = "{result=me:$.id}?fields=id" },
            new { method = "GET", depends_on = "ghost", relative_url = "me" });

        Assert.Equal(JsonValueKind.Null, items[0].ValueKind);
        GraphAssert.Error(Answer(items[1]), 400, 100,
            message: "(#100) Unsupported JSONPath expression $..id in {result=me:$..id}: only $, .name, .0, [0] and * are supported");
        GraphAssert.Error(Answer(items[2]), 400, 100,
            message: "(#100) Unsupported JSONPath expression $.data[?(@.id)].id in {result=me:$.data[?(@.id)].id}: only $, .name, .0, [0] and * are supported");
        GraphAssert.Error(Answer(items[3]), 400, 100, message: "(#100) The JSONPath expression $.data.5.id matched nothing in the result of the batch operation me");
        GraphAssert.Error(Answer(items[4]), 400, 100, message: "(#100) There is no batch operation named nobody");
        const string notYet = "(#100) The batch operation {0} has not run yet: an operation can only depend on operations before it";
        GraphAssert.Error(Answer(items[5]), 400, 100, message: string.Format(null, notYet, "later"));
        GraphAssert.Error(Answer(items[6]), 400, 100, message: string.Format(null, notYet, "self"));
        AssertOk(Answer(items[7]));
        AssertOk(Answer(items[8]));
        GraphAssert.Error(Answer(items[9]), 400, 100, message: "(#100) There is no batch operation named ghost");
    }

    [Fact]
    public async Task Each_operation_that_runs_is_charged_as_one_call_and_a_skipped_one_is_not()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AppCallsPerUser=10", "--Pictograph:AppMinimumUsers=1");
        var token = own.Server.Demo.Token;
        var batch = JsonSerializer.Serialize(new object[]
        {
            new { method = "GET", name = "gone", relative_url = "1234567890102" },
            new { method = "GET", depends_on = "gone", relative_url = "me" },
            new { method = "GET", name = "me", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = "{result=me:$.id}/media?limit=1" },
        });

        AssertOk(await own.Server.PostFormAsync("/", ("batch", batch), ("access_token", token)));
        var next = await own.Server.GetAsync($"/me?fields=id&access_token={token}");

        // Three operations ran (the failed one included) and this read is the fourth call of a budget of ten.
        Assert.True(next.Headers.TryGetValues("X-App-Usage", out var usage));
        Assert.Equal(40, JsonDocument.Parse(Assert.Single(usage)).RootElement.GetProperty("call_count").GetInt32());
    }

    [Theory]
    [InlineData("""[{"name":"x","relative_url":"me"},{"name":"x","relative_url":"me"}]""", "(#100) The batch operation name x is used more than once")]
    [InlineData("""[{"name":3,"relative_url":"me"}]""", "(#100) The batch operation member name must be a string")]
    [InlineData("""[{"name":"a:b","relative_url":"me"}]""", "(#100) The batch operation name 'a:b' must be a non-empty label without ':', '{', '}' or '%'")]
    [InlineData("""[{"relative_url":"me","omit_response_on_success":"sometimes"}]""", "(#100) The batch operation member omit_response_on_success must be true or false")]
    public async Task A_malformed_relation_fails_the_whole_batch(string batch, string message)
    {
        var fb = await server.FacebookTokenAsync();

        var response = await server.PostFormAsync("/", ("batch", batch), ("access_token", fb));

        GraphAssert.Error(response, 400, 100, message: message);
    }

    [Theory]
    [InlineData("$", new string[0])]
    [InlineData("$.id", new[] { "id" })]
    [InlineData("$.data.0.id", new[] { "data", "0", "id" })]
    [InlineData("$.data[12].id", new[] { "data", "12", "id" })]
    [InlineData("$.data.*.from-user", new[] { "data", "*", "from-user" })]
    [InlineData("$.data[*].id", new[] { "data", "*", "id" })]
    public void The_path_subset_parses_into_steps(string path, string[] steps) =>
        Assert.Equal(steps, GraphApi.BatchJsonPath.Parse(path));

    [Theory]
    [InlineData("id")]
    [InlineData("$..id")]
    [InlineData("$.data[0:2]")]
    [InlineData("$.data[-1]")]
    [InlineData("$.data[?(@.id)]")]
    [InlineData("$['id']")]
    [InlineData("$.")]
    public void Anything_else_is_refused(string path) => Assert.Null(GraphApi.BatchJsonPath.Parse(path));

    [Fact]
    public void Selection_walks_objects_and_arrays_and_a_wildcard_reaches_every_member()
    {
        using var document = JsonDocument.Parse("""{"data":[{"id":"1","n":{"a":1,"b":2}},{"id":"2"},{"x":0}],"id":"9"}""");
        string Select(string path) => string.Join('|', GraphApi.BatchJsonPath.Select(document.RootElement, GraphApi.BatchJsonPath.Parse(path)!).Select(e => e.GetRawText()));

        Assert.Equal("\"1\"|\"2\"", Select("$.data.*.id"));
        Assert.Equal("\"2\"", Select("$.data[1].id"));
        Assert.Equal("1|2", Select("$.data.0.n.*"));
        Assert.Equal("", Select("$.data.3.id"));
        Assert.Equal("", Select("$.id.0"));
        Assert.Equal("\"9\"", Select("$.id"));
    }
}
