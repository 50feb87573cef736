using System.Text;
using System.Text.Json;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Tests.Execution;

/// <summary>An answer rendered before (kept by a host) carries its bytes and writes them unchanged.</summary>
public sealed class RenderedResultTests
{
    [Fact]
    public void A_rendered_answer_writes_its_bytes_as_they_are_inside_other_JSON()
    {
        var json = Encoding.UTF8.GetBytes("{\"id\":\"1\",\"caption\":\"caf\\u00e9\"}");
        var result = GraphResult.Rendered(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("kept");
            result.WriteTo(writer);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"kept\":{\"id\":\"1\",\"caption\":\"caf\\u00e9\"}}", Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal(json, result.Json!.Value.ToArray());
    }

    [Fact]
    public void An_answer_built_by_a_writer_has_no_bytes_yet()
    {
        Assert.Null(new GraphResult(writer => writer.WriteNullValue()).Json);
    }
}
