using System.Text.Json;

namespace Pictograph.Tests.Infrastructure;

/// <summary>Checks of the Graph wire shapes shared by many tests.</summary>
public static class GraphAssert
{
    /// <summary>
    /// The response is the Graph error envelope <c>{"error":{"message","type","code",…,"fbtrace_id"}}</c> as JSON,
    /// with a <c>WWW-Authenticate</c> header, the given HTTP status and code (and subcode when given).
    /// </summary>
    public static JsonElement Error(GraphResponse response, int status, int code, int? subcode = null, string? message = null)
    {
        Assert.True(status == response.Status, $"Expected HTTP {status} but got {response.Status}: {response.Body}");
        var error = Envelope(response);
        Assert.True(code == error.GetProperty("code").GetInt32(), $"Expected code {code}: {response.Body}");
        if (subcode is not null)
        {
            Assert.Equal(subcode, response.ErrorSubcode);
        }

        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }

        return error;
    }

    /// <summary>Any 4xx Graph error envelope (for hostile input, where only the shape matters).</summary>
    public static JsonElement ClientError(GraphResponse response)
    {
        Assert.True(response.Status is >= 400 and < 500, $"Expected a 4xx but got {response.Status}: {response.Body}");
        return Envelope(response);
    }

    private static JsonElement Envelope(GraphResponse response)
    {
        Assert.NotNull(response.ContentType);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        var root = response.Json;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        var error = root.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
        Assert.Matches("^[A-Za-z0-9_-]{11,32}$", error.GetProperty("fbtrace_id").GetString());
        Assert.StartsWith("OAuth \"Facebook Platform\" \"", Authenticate(response), StringComparison.Ordinal);
        return error;
    }

    /// <summary>The raw <c>WWW-Authenticate</c> header (unparsed: its quoted form is not an RFC challenge).</summary>
    public static string Authenticate(GraphResponse response)
    {
        Assert.True(response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values), "No WWW-Authenticate header");
        return Assert.Single(values);
    }

    /// <summary>The property names of an object, in the order written.</summary>
    public static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>The string ids of a collection's <c>data</c> items (asserting each id is a JSON string).</summary>
    public static List<string> Ids(JsonElement collection) =>
        [.. collection.GetProperty("data").EnumerateArray().Select(item =>
        {
            var id = item.GetProperty("id");
            Assert.Equal(JsonValueKind.String, id.ValueKind);
            return id.GetString()!;
        })];
}
