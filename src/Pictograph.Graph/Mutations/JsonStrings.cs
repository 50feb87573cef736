using System.Text.Json;

namespace Pictograph.Graph.Mutations;

/// <summary>
/// JsonDocument checks structure only: a string is decoded when it is read, and one that is not valid Unicode
/// (invalid UTF-8, or an escape of half a surrogate pair such as <c>\ud800</c>) throws there, wherever that is.
/// Reading every string and name once, right after parsing, makes it the client's (#100) at the door instead.
/// </summary>
public static class JsonStrings
{
    public static bool AreUnicode(JsonElement element)
    {
        try
        {
            Read(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Read(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Read(property.Value);
                }

                break;
        }
    }
}
