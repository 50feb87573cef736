using System.Text.RegularExpressions;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Insights;

namespace Pictograph.Tests.Wire;

/// <summary>
/// Graph's complex parameters: <c>fields</c> as a JSON array (what the npm fb library sends), lists as JSON, as a
/// comma string or bracketed, scalars as JSON string literals; malformed JSON is a (#100).
/// </summary>
public sealed partial class JsonParameterTests(PictographServer server) : IClassFixture<PictographServer>
{
    private string Token => server.Demo.Token;

    private static string Q(string text) => Uri.EscapeDataString(text);

    /// <summary>The body without its paging links, which repeat the fields parameter as it was sent.</summary>
    private static string WithoutLinks(GraphResponse response) => Links().Replace(response.Body, "\"$1\":\"…\"");

    [GeneratedRegex("\"(next|previous)\":\"[^\"]*\"")]
    private static partial Regex Links();

    [Theory]
    [InlineData("/me", "id,username,account_type", """["id","username","account_type"]""")]
    [InlineData("/me", "username,id", """ [ "username" , "id" ] """)]
    [InlineData("/me/media", "id,caption,children{id,media_type}", """["id","caption","children{id,media_type}"]""")]
    [InlineData("/me/media", "id,media_type", """["id,media_type"]""")]
    [InlineData("/me", "media.limit(2){id}", """["media.limit(2){id}"]""")]
    [InlineData("/me", "id,username", "[id,username]")]
    public async Task Fields_as_a_json_array_read_as_the_comma_list(string path, string comma, string json)
    {
        var expected = await server.GetAsync($"{path}?fields={Q(comma)}&access_token={Token}");
        var actual = await server.GetAsync($"{path}?fields={Q(json)}&access_token={Token}");

        Assert.True(expected.Status == 200, expected.Body);
        Assert.Equal(WithoutLinks(expected), WithoutLinks(actual));
    }

    [Fact]
    public async Task Fields_as_a_json_array_in_a_json_body_and_in_a_form()
    {
        using var json = new HttpRequestMessage(HttpMethod.Get, $"/me?access_token={Token}")
        {
            Content = new StringContent("""{"fields":["id","username"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        var expected = await server.GetAsync($"/me?fields=id,username&access_token={Token}");

        var actual = await server.SendAsync(json);

        Assert.Equal(expected.Body, actual.Body);
    }

    [Theory]
    [InlineData("""["id","username\""", "Param fields must be valid JSON")]
    [InlineData("[", "Param fields must be valid JSON")]
    [InlineData("[1,2]", null)]
    [InlineData("""[["id"]]""", "Param fields must be an array of strings")]
    [InlineData("""[{"id":1}]""", "Param fields must be an array of strings")]
    public async Task Malformed_json_fields_is_a_100(string fields, string? message)
    {
        var response = await server.GetAsync($"/me?fields={Q(fields)}&access_token={Token}");

        // [1,2] reads as the fields "1,2": no such fields.
        GraphAssert.Error(response, 400, 100, message: message is null ? null : $"(#100) {message}");
    }

    [Fact]
    public async Task A_field_named_twice_in_the_array_keeps_its_code()
    {
        var response = await server.GetAsync($"/me?fields={Q("""["id","username","id"]""")}&access_token={Token}");

        GraphAssert.Error(response, 400, 2500);
    }

    [Theory]
    [InlineData("""["me","{jane}"]""")]
    [InlineData("[me,{jane}]")]
    [InlineData("[ me , {jane} ]")]
    [InlineData("me,{jane}")]
    public async Task Ids_accept_json_bracketed_and_comma_lists(string ids)
    {
        var jane = DemoData.Id(server.Demo.AccountId);

        var response = await server.GetAsync($"/?ids={Q(ids.Replace("{jane}", jane, StringComparison.Ordinal))}&fields={Q("""["username"]""")}&access_token={Token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(["me", jane], GraphAssert.Names(response.Json));
        Assert.Equal(server.Demo.Username, response.Json.GetProperty(jane).GetProperty("username").GetString());
    }

    [Fact]
    public async Task A_malformed_json_list_is_a_100()
    {
        var response = await server.GetAsync($"/?ids={Q("""["me",""")}&access_token={Token}");

        GraphAssert.Error(response, 400, 100, message: "(#100) Param ids must be valid JSON");
    }

    [Fact]
    public async Task Json_string_scalars_are_read_as_their_value()
    {
        var media = await server.GetAsync($"/me/media?limit={Q("\"2\"")}&access_token={Token}");
        var post = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();

        var off = await server.PostAsync($"/{post.Id}?comment_enabled={Q("\"false\"")}&access_token={token}");
        var read = await server.GetAsync($"/{post.Id}?fields=is_comment_enabled&access_token={token}");

        Assert.True(media.Status == 200, media.Body);
        Assert.Equal(2, GraphAssert.Ids(media.Json).Count);
        CommentWorld.AssertSuccess(off);
        Assert.False(read.Json.GetProperty("is_comment_enabled").GetBoolean());
    }

    [Theory]
    [InlineData("""["comments","mentions"]""")]
    [InlineData("[comments, mentions]")]
    [InlineData("comments,mentions")]
    public async Task Webhook_fields_accept_json_bracketed_and_comma_lists(string fields)
    {
        var token = await server.InstagramTokenAsync();

        var set = await server.PostAsync($"/me/subscribed_apps?subscribed_fields={Q(fields)}&access_token={token}");
        var listed = await server.GetAsync($"/me/subscribed_apps?access_token={token}");

        CommentWorld.AssertSuccess(set);
        Assert.Equal(["comments", "mentions"], listed.Json.GetProperty("data")[0].GetProperty("subscribed_fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [InlineData("""["reach","impressions"]""")]
    [InlineData("[reach,impressions]")]
    [InlineData("reach,impressions")]
    public async Task Insight_metrics_accept_json_bracketed_and_comma_lists(string metric)
    {
        var account = await server.NewAccountAsync();
        var token = await server.InsightsTokenAsync();

        // The second metric is retired: reaching its error proves the list was read item by item.
        var response = await server.GetAsync($"/v25.0/{account}/insights?metric={Q(metric)}&period=day&access_token={token}");

        GraphAssert.Error(response, 400, 100, message: "(#100) Starting from v22.0, the impressions metric is no longer supported. Please use views instead.");
    }
}
