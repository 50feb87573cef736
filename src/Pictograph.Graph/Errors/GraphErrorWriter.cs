using System.Text.Json;

namespace Pictograph.Graph.Errors;

/// <summary>Writes <c>{"error":{"message","type","code","error_subcode"?,…,"fbtrace_id"}}</c>.</summary>
public static class GraphErrorWriter
{
    public static void Write(Utf8JsonWriter writer, GraphError error, string traceId)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", error.Message);
        writer.WriteString("type", error.Type);
        writer.WriteNumber("code", error.Code);
        if (error.Subcode is { } subcode)
        {
            writer.WriteNumber("error_subcode", subcode);
        }

        if (error.IsTransient is { } transient)
        {
            writer.WriteBoolean("is_transient", transient);
        }

        if (error.UserTitle is not null)
        {
            writer.WriteString("error_user_title", error.UserTitle);
        }

        if (error.UserMessage is not null)
        {
            writer.WriteString("error_user_msg", error.UserMessage);
        }

        writer.WriteString("fbtrace_id", traceId);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
