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
/// A named operation's result can feed later ones (<c>depends_on</c>, <c>{result=NAME:$.path}</c>, see
/// <see cref="BatchReferences"/>); an operation that needs a failed one is not run and answers an error.
/// </summary>
public static class GraphBatch
{
    public const int MaxOperations = 50;

    /// <summary>What a writer writes, as a string.</summary>
    public static string Render(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(GraphResponses.Render(write));

    public static async Task<GraphResult> RunAsync(HttpContext http, string version, GraphParameters parameters)
    {
        var operations = BatchOperation.ParseAll(parameters["batch"]!);
        var includeHeaders = !string.Equals(parameters["include_headers"]?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        var needed = operations.SelectMany(o => o.Needs).ToHashSet(StringComparer.Ordinal);
        var references = new BatchReferences(operations.Where(o => o.Name is not null).Select(o => o.Name!).ToHashSet(StringComparer.Ordinal));
        var answers = new List<Answer?>(operations.Count);
        foreach (var operation in operations)
        {
            http.RequestAborted.ThrowIfCancellationRequested();
            var answer = await RunOneAsync(http, version, parameters, operation, references);
            var succeeded = answer.Code == StatusCodes.Status200OK;
            if (operation.Name is { } name)
            {
                references.Record(name, succeeded, answer.Body);
            }

            // What others depend on is left out on success unless the operation asks to keep it.
            var omit = operation.OmitResponseOnSuccess ?? (operation.Name is not null && needed.Contains(operation.Name));
            answers.Add(succeeded && omit ? null : answer);
        }

        return new GraphResult(writer =>
        {
            writer.WriteStartArray();
            foreach (var answer in answers)
            {
                if (answer is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                var (code, headers, body) = answer;
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

    private sealed record Answer(int Code, List<KeyValuePair<string, string>> Headers, string Body);

    private static async Task<Answer> RunOneAsync(HttpContext http, string version, GraphParameters outer, BatchOperation operation, BatchReferences references)
    {
        var traceId = GraphResponses.NewTraceId();
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json; charset=UTF-8") };
        var itemVersion = version;
        try
        {
            if (operation.DependsOn is { } dependency)
            {
                references.ResultOf(dependency);
            }

            var relative = references.Resolve(operation.RelativeUrl);
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
                Add(all, QueryHelpers.ParseQuery(references.Resolve(body)));
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
            return new Answer(StatusCodes.Status200OK, headers, Render(result.WriteTo));
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

        Answer Failed(GraphError error, string? original)
        {
            headers.Add(new("facebook-api-version", itemVersion));
            headers.Add(new("WWW-Authenticate", GraphResponses.AuthenticateHeader(error)));
            return new Answer(error.HttpStatus, headers, Render(w => GraphResponses.WriteError(w, error, traceId, original)));
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
