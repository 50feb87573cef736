using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi.Versions;

namespace Pictograph.GraphApi;

/// <summary>Writes Graph API responses: JSON straight from a Utf8JsonWriter, and the error envelope with its headers.</summary>
public static class GraphResponses
{
    // The body is JSON for API clients, never HTML: emoji and quotes need no \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An answer of an endpoint outside the Graph endpoint, headed with the version that serves its route.</summary>
    public static IResult Json(Action<Utf8JsonWriter> body, int status = StatusCodes.Status200OK) =>
        new JsonResult(body, status, null);

    public static IResult Error(GraphError error) =>
        new JsonResult(null, error.HttpStatus, error);

    public static async Task WriteAsync(HttpContext http, int status, string version, string traceId, Action<Utf8JsonWriter> body)
    {
        var response = http.Response;
        SetHead(response, status, version, traceId);
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            body(writer);
        }

        await response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>A 200 answer already rendered: sent with its length, in one write.</summary>
    public static async Task WriteJsonAsync(HttpContext http, string version, string traceId, ReadOnlyMemory<byte> json)
    {
        var response = http.Response;
        SetHead(response, StatusCodes.Status200OK, version, traceId);
        response.ContentLength = json.Length;
        await response.BodyWriter.WriteAsync(json, http.RequestAborted);
    }

    private static void SetHead(HttpResponse response, int status, string version, string traceId)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        response.Headers["facebook-api-version"] = version;
        response.Headers["x-fb-trace-id"] = traceId;
        response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
    }

    /// <summary>What a writer writes, as UTF-8 JSON.</summary>
    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Task WriteErrorAsync(HttpContext http, GraphError error, string version, string traceId, string? originalResponse = null)
    {
        if (http.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        http.Response.Clear();
        // The inspector reads which error a request was answered with.
        http.Features.Set(error);
        http.Response.Headers.WWWAuthenticate = AuthenticateHeader(error);
        return WriteAsync(http, error.HttpStatus, version, traceId, w => WriteError(w, error, traceId, originalResponse));
    }

    /// <summary>The error envelope; a failed read-after-write adds the write's own answer as <c>original_response</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, GraphError error, string traceId, string? originalResponse = null)
    {
        if (originalResponse is null)
        {
            GraphErrorWriter.Write(writer, error, traceId);
            return;
        }

        using var envelope = JsonDocument.Parse(GraphBatch.Render(w => GraphErrorWriter.Write(w, error, traceId)));
        writer.WriteStartObject();
        foreach (var property in envelope.RootElement.EnumerateObject())
        {
            property.WriteTo(writer);
        }

        writer.WritePropertyName("original_response");
        writer.WriteRawValue(originalResponse);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The message as a quoted-string header value: Kestrel refuses control and non-ASCII characters in
    /// headers (messages echo the client's path and fields), so those become '?' and quotes become '.
    /// </summary>
    private static string HeaderText(string message) => string.Create(message.Length, message, static (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            span[i] = c == '"' ? '\'' : c is >= ' ' and <= '~' ? c : '?';
        }
    });

    /// <summary>The WWW-Authenticate value of an error answer.</summary>
    public static string AuthenticateHeader(GraphError error) =>
        $"OAuth \"Facebook Platform\" \"{error.AuthenticateKind ?? "invalid_request"}\" \"{HeaderText(error.Message)}\"";

    /// <summary>
    /// A 128-bit random trace id in the base64url style of fbtrace_id. A diagnostic id, not a secret: the shared
    /// non-cryptographic generator is enough, and the cryptographic one was an OpenSSL call on every request.
    /// </summary>
    public static string NewTraceId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private sealed class JsonResult(Action<Utf8JsonWriter>? body, int status, GraphError? error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            error is null
                ? WriteAsync(httpContext, status, httpContext.ServedVersion(), NewTraceId(), body!)
                : WriteErrorAsync(httpContext, error, httpContext.ServedVersion(), NewTraceId());
    }
}
