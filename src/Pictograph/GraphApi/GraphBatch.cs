using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Routing;

namespace Pictograph.GraphApi;

/// <summary>
/// Batch requests: <c>POST /</c> with <c>batch=[{"method":"GET","relative_url":"me?fields=id"},…]</c>. Each
/// operation runs through the same pipeline as a request of its own (authentication, charging, engine),
/// in order, with the batch's token unless it carries its own <c>access_token</c>; each answers
/// <c>{"code":…,"headers":[…],"body":"&lt;json&gt;"}</c>, and one failing operation does not fail the others.
/// </summary>
public static class GraphBatch
{
    public const int MaxOperations = 50;

    /// <summary>What a writer writes, as a string.</summary>
    public static string Render(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(GraphResponses.Render(write));

    public static async Task<GraphResult> RunAsync(HttpContext http, string version, GraphParameters parameters)
    {
        var operations = Parse(parameters["batch"]!);
        var includeHeaders = !string.Equals(parameters["include_headers"]?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        var answers = new List<(int Code, List<KeyValuePair<string, string>> Headers, string Body)>(operations.Count);
        foreach (var operation in operations)
        {
            http.RequestAborted.ThrowIfCancellationRequested();
            answers.Add(await RunOneAsync(http, version, parameters, operation));
        }

        return new GraphResult(writer =>
        {
            writer.WriteStartArray();
            foreach (var (code, headers, body) in answers)
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", code);
                if (includeHeaders)
                {
                    writer.WriteStartArray("headers");
                    foreach (var (name, value) in headers)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", name);
                        writer.WriteString("value", value);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteString("body", body);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private sealed record Operation(string Method, string RelativeUrl, string? Body);

    private static List<Operation> Parse(string batch)
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

            var count = document.RootElement.GetArrayLength();
            if (count == 0)
            {
                throw GraphErrors.InvalidParameter("The parameter batch must not be empty");
            }

            if (count > MaxOperations)
            {
                throw GraphErrors.InvalidParameter($"Too many requests in batch message. Maximum batch size is {MaxOperations}");
            }

            var operations = new List<Operation>(count);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("relative_url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    throw GraphErrors.InvalidParameter("Each batch operation needs a relative_url");
                }

                var method = item.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "GET";
                var body = item.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                operations.Add(new Operation(method.ToUpperInvariant(), url.GetString()!, body));
            }

            return operations;
        }
    }

    private static async Task<(int, List<KeyValuePair<string, string>>, string)> RunOneAsync(HttpContext http, string version, GraphParameters outer, Operation operation)
    {
        var traceId = GraphResponses.NewTraceId();
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json; charset=UTF-8") };
        var itemVersion = version;
        try
        {
            var relative = operation.RelativeUrl;
            var question = relative.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? relative : relative[..question];
            var route = GraphPath.Parse(path);
            itemVersion = route.Version ?? version;
            var all = new List<KeyValuePair<string, string>>();
            if (question >= 0)
            {
                Add(all, QueryHelpers.ParseQuery(relative[(question + 1)..]));
            }

            if (operation.Body is { Length: > 0 } body)
            {
                Add(all, QueryHelpers.ParseQuery(body));
            }

            // The batch's own token (and its proof) unless the operation brings a token of its own.
            if (!all.Any(p => p.Key == "access_token"))
            {
                foreach (var name in (string[])["access_token", "appsecret_proof", "appsecret_time"])
                {
                    if (outer[name] is { } value)
                    {
                        all.Add(new(name, value));
                    }
                }
            }

            all.RemoveAll(p => p.Key is "method" or "batch");
            all.Add(new("method", operation.Method));
            if (route.Node is null && operation.Method != "GET")
            {
                throw GraphErrors.InvalidParameter("A node id is required in the path, e.g. /me or /{id}");
            }

            var result = await GraphEndpoint.ExecuteAsync(http, route, itemVersion, new GraphParameters(all));
            headers.Add(new("facebook-api-version", itemVersion));
            return (StatusCodes.Status200OK, headers, Render(result.WriteTo));
        }
        catch (ReadAfterWriteException e)
        {
            return Failed(e.Error, e.OriginalResponse);
        }
        catch (GraphException e)
        {
            return Failed(e.Error, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // A fault in one operation is that operation's answer, as a request of its own would get it.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphBatch))
                .LogError(e, "Unhandled error in batch operation {TraceId}", traceId);
            return Failed(new GraphError(2, "An unexpected error has occurred. Please retry your request later.") { HttpStatus = 500, IsTransient = true }, null);
        }

        (int, List<KeyValuePair<string, string>>, string) Failed(GraphError error, string? original)
        {
            headers.Add(new("facebook-api-version", itemVersion));
            headers.Add(new("WWW-Authenticate", GraphResponses.AuthenticateHeader(error)));
            return (error.HttpStatus, headers, Render(w => GraphResponses.WriteError(w, error, traceId, original)));
        }
    }

    private static void Add(List<KeyValuePair<string, string>> all, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> values)
    {
        foreach (var (key, value) in values)
        {
            foreach (var one in value)
            {
                all.Add(new(key, one ?? ""));
            }
        }
    }
}

/// <summary>A write that succeeded whose read-after-write failed: the read's error plus the write's own answer.</summary>
#pragma warning disable CA1032 // Only ever thrown with both parts.
public sealed class ReadAfterWriteException(GraphError error, string originalResponse) : Exception(error.Message)
#pragma warning restore CA1032
{
    public GraphError Error { get; } = error;

    public string OriginalResponse { get; } = originalResponse;
}
