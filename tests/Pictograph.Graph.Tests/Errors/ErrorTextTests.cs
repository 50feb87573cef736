using System.Text;
using System.Text.Json;
using CsCheck;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Routing;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Errors;

/// <summary>
/// Error messages quote client input (a character, or an excerpt cut to a bounded length). What they
/// quote must be whole characters: half a surrogate pair is not valid UTF-16, and Utf8JsonWriter writes
/// it as U+FFFD, so the envelope would not carry the message the engine meant.
/// </summary>
public class ErrorTextTests
{
    private const string Emoji = "\U0001F600";

    /// <summary>Valid UTF-16 text mixing the fields grammar with characters outside the BMP.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char["abz_,.(){} 0"].Select(c => c.ToString()),
            Gen.Const(Emoji),
            Gen.Const("é"),
            Gen.Const("\U0001D11E"))
        .Array[0, 40]
        .Select(parts => string.Concat(parts));

    /// <summary>Long text with a surrogate pair placed around where excerpts are cut.</summary>
    private static readonly Gen<string> LongText =
        Gen.Select(Gen.Int[0, 260], Gen.OneOf(Gen.Const(","), Gen.Const("a"), Gen.Const("}")), Gen.Int[0, 40])
            .Select((before, tail, after) => "," + new string('a', before) + Emoji + tail + new string('b', after));

    [Theory]
    [InlineData(Emoji)]
    [InlineData("id" + Emoji)]
    [InlineData("id," + Emoji)]
    [InlineData("id{" + Emoji + "}")]
    [InlineData("id.limit" + Emoji)]
    public void A_fields_error_quoting_a_character_outside_the_bmp_is_writable(string fields)
    {
        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(fields));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains($"\"{Emoji}\"", AssertWritable(error.Error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(198)]
    [InlineData(199)]
    [InlineData(200)]
    public void A_fields_excerpt_never_splits_a_surrogate_pair(int at)
    {
        var fields = "," + new string('a', at - 1) + Emoji + new string('b', 100);

        var error = Assert.Throws<GraphException>(() => FieldsParser.Parse(fields));

        AssertWritable(error.Error);
    }

    [Fact]
    public void Any_fields_error_is_writable()
    {
        Gen.OneOf(Text, LongText).Sample(fields =>
        {
            try
            {
                FieldsParser.Parse(fields);
            }
            catch (GraphException e)
            {
                AssertWritable(e.Error);
            }
        });
    }

    [Theory]
    [InlineData(38)]
    [InlineData(39)]
    [InlineData(40)]
    public void A_quoted_time_never_splits_a_surrogate_pair(int at)
    {
        var error = Assert.Throws<GraphException>(() => TimeParameter.Parse("since", new string('x', at) + Emoji + "yyyy"));

        AssertWritable(error.Error);
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    public void A_quoted_long_path_never_splits_a_surrogate_pair(int at)
    {
        var error = Assert.Throws<GraphException>(() => GraphPath.Parse(new string('a', at) + Emoji + new string('a', GraphPath.MaxLength)));

        Assert.Equal(2500, error.Error.Code);
        AssertWritable(error.Error);
    }

    [Theory]
    [InlineData(38)]
    [InlineData(39)]
    [InlineData(40)]
    public async Task A_quoted_limit_never_splits_a_surrogate_pair(int at)
    {
        var graph = TestGraph.Sample();
        var limit = new string('9', at) + Emoji + "9";

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("limit", limit))));

        Assert.Equal(100, error.Error.Code);
        AssertWritable(error.Error);
    }

    [Fact]
    public void Any_time_or_path_error_is_writable()
    {
        Gen.OneOf(Text, LongText).Sample(text =>
        {
            try
            {
                TimeParameter.Parse("until", text);
            }
            catch (GraphException e)
            {
                AssertWritable(e.Error);
            }

            try
            {
                GraphPath.Parse(text.Replace(',', '/') + new string('/', GraphPath.MaxLength));
            }
            catch (GraphException e)
            {
                AssertWritable(e.Error);
            }
        });
    }

    /// <summary>Writes the envelope and returns the message read back from the JSON, which must be the message unchanged.</summary>
    private static string AssertWritable(GraphError error)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GraphErrorWriter.Write(writer, error, "trace");
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var message = document.RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Equal(error.Message, message);
        return message!;
    }
}
