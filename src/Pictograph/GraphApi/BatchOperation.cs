using System.Text.Json;
using Pictograph.Graph.Errors;

namespace Pictograph.GraphApi;

/// <summary>
/// One operation of a batch: <c>method</c>, <c>relative_url</c>, <c>body</c> (a URL-encoded string), and the
/// members that relate operations: <c>name</c>, <c>depends_on</c> and <c>omit_response_on_success</c>.
/// </summary>
internal sealed record BatchOperation(string Method, string RelativeUrl, string? Body, string? Name, string? DependsOn, bool? OmitResponseOnSuccess)
{
    /// <summary>The names of the operations this one needs: its <c>depends_on</c> and every reference.</summary>
    public IEnumerable<string> Needs =>
        BatchReferences.NamesIn(RelativeUrl).Concat(BatchReferences.NamesIn(Body)).Concat(DependsOn is null ? [] : [DependsOn]);

    /// <summary>The operations of the <c>batch</c> parameter; a malformed batch fails as a whole.</summary>
    public static List<BatchOperation> ParseAll(string batch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(batch, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidParameter("The parameter batch must be a JSON array of operations");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw GraphErrors.InvalidParameter("The parameter batch must be a JSON array of operations");
            }

            if (!Graph.Mutations.JsonStrings.AreUnicode(document.RootElement))
            {
                throw GraphErrors.InvalidParameter("The parameter batch has a string that is not valid Unicode");
            }

            var count = document.RootElement.GetArrayLength();
            if (count == 0)
            {
                throw GraphErrors.InvalidParameter("The parameter batch must not be empty");
            }

            if (count > GraphBatch.MaxOperations)
            {
                throw GraphErrors.InvalidParameter($"Too many requests in batch message. Maximum batch size is {GraphBatch.MaxOperations}");
            }

            var operations = document.RootElement.EnumerateArray().Select(Parse).ToList();
            var repeated = operations.Where(o => o.Name is not null).GroupBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw GraphErrors.InvalidParameter($"The batch operation name {repeated.Key} is used more than once");
            }

            return operations;
        }
    }

    private static BatchOperation Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("relative_url", out var url) || url.ValueKind != JsonValueKind.String)
        {
            throw GraphErrors.InvalidParameter("Each batch operation needs a relative_url");
        }

        var method = Text(item, "method") ?? "GET";
        var name = Text(item, "name");
        if (name is { Length: 0 } || name?.IndexOfAny([':', '{', '}', '%']) >= 0)
        {
            throw GraphErrors.InvalidParameter($"The batch operation name '{name}' must be a non-empty label without ':', '{{', '}}' or '%'");
        }

        return new BatchOperation(method.ToUpperInvariant(), url.GetString()!, Text(item, "body"), name, Text(item, "depends_on"), Flag(item, "omit_response_on_success"));
    }

    private static string? Text(JsonElement item, string member) => item.TryGetProperty(member, out var value) switch
    {
        false => null,
        true when value.ValueKind == JsonValueKind.String => value.GetString(),
        true when value.ValueKind == JsonValueKind.Null => null,
        true => throw GraphErrors.InvalidParameter($"The batch operation member {member} must be a string"),
    };

    /// <summary>A JSON boolean, or the strings <c>true</c>/<c>false</c> some SDKs send.</summary>
    private static bool? Flag(JsonElement item, string member)
    {
        if (!item.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => throw GraphErrors.InvalidParameter($"The batch operation member {member} must be true or false"),
        };
    }
}
