using System.Text;
using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Tests.Errors;

public class GraphErrorWriterTests
{
    [Fact]
    public void Envelope_without_subcode()
    {
        var json = Write(new GraphError(100, "(#100) Tried accessing nonexisting field (x) on node type (Person)"), "AbCdEf123");

        Assert.Equal(
            """{"error":{"message":"(#100) Tried accessing nonexisting field (x) on node type (Person)","type":"OAuthException","code":100,"fbtrace_id":"AbCdEf123"}}""",
            json);
    }

    [Fact]
    public void Envelope_with_subcode()
    {
        var error = GraphErrors.UnsupportedGet("123").Error;

        var json = Write(error, "trace");

        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "code", "error_subcode", "fbtrace_id"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("GraphMethodException", body.GetProperty("type").GetString());
        Assert.Equal(100, body.GetProperty("code").GetInt32());
        Assert.Equal(33, body.GetProperty("error_subcode").GetInt32());
        Assert.StartsWith("Unsupported get request. Object with ID '123' does not exist", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("trace", body.GetProperty("fbtrace_id").GetString());
    }

    [Fact]
    public void Envelope_with_every_optional_member()
    {
        var error = new GraphError(190, "Error validating access token")
        {
            Subcode = 463,
            IsTransient = false,
            UserTitle = "Session expired",
            UserMessage = "Please log in again.",
        };

        Assert.Equal(
            """{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463,"is_transient":false,"error_user_title":"Session expired","error_user_msg":"Please log in again.","fbtrace_id":"t"}}""",
            Write(error, "t"));
    }

    [Fact]
    public void A_parser_error_goes_into_the_envelope_unchanged()
    {
        var exception = Assert.Throws<GraphException>(() => FieldsParser.Parse("id,id"));

        using var document = JsonDocument.Parse(Write(exception.Error, "t"));
        var body = document.RootElement.GetProperty("error");

        Assert.Equal(2500, body.GetProperty("code").GetInt32());
        Assert.Equal(exception.Message, body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("error_subcode", out _));
    }

    [Fact]
    public void Error_defaults()
    {
        var error = new GraphError(1, "x");

        Assert.Equal("OAuthException", error.Type);
        Assert.Equal(400, error.HttpStatus);
        Assert.Null(error.Subcode);
        Assert.Null(error.AuthenticateKind);
        Assert.Equal("x", new GraphException(error).Message);
    }

    [Fact]
    public void Unknown_alias()
    {
        var error = GraphErrors.UnknownAlias("foo").Error;

        Assert.Equal((803, "(#803) Some of the aliases you requested do not exist: foo"), (error.Code, error.Message));
    }

    [Fact]
    public void Unsupported_method_names_the_method_in_lower_case()
    {
        var error = GraphErrors.UnsupportedMethod("POST", "42").Error;

        Assert.Equal(100, error.Code);
        Assert.Equal(33, error.Subcode);
        Assert.StartsWith("Unsupported post request. Object with ID '42'", error.Message, StringComparison.Ordinal);
    }

    private static string Write(GraphError error, string traceId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GraphErrorWriter.Write(writer, error, traceId);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
