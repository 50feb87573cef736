using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Mutations;
using Pictograph.Web;

namespace Pictograph.GraphApi;

/// <summary>
/// The parameters of a Graph call, gathered from the query string, a form body and a JSON body (in that
/// order, later ones winning), as client libraries send them all three ways.
/// </summary>
public sealed class GraphParameters(IReadOnlyList<KeyValuePair<string, string>> all)
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The same parameters, as the engine's writes read them.</summary>
    public Graph.Mutations.GraphArguments Arguments { get; } = new(all);

    public IReadOnlyList<KeyValuePair<string, string>> All => Arguments.All;

    /// <summary>The last value given for a name.</summary>
    public string? this[string name] => Arguments[name];

    /// <summary>The caller's token: the <c>access_token</c> parameter, else <c>Authorization: Bearer|OAuth …</c>.</summary>
    public string? AccessToken(HttpRequest request)
    {
        return this["access_token"] is { Length: > 0 } token ? token : HeaderToken(request);
    }

    /// <summary>The token of an <c>Authorization: Bearer|OAuth …</c> header, or null.</summary>
    public static string? HeaderToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        return space > 0 && (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("OAuth", StringComparison.OrdinalIgnoreCase))
            ? header[(space + 1)..].Trim()
            : null;
    }

    public static async Task<GraphParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var all = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in request.Query)
        {
            foreach (var value in values)
            {
                all.Add(new(key, value ?? ""));
            }
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw Refused(request, TooLarge);
        }

        // A chunked body has no length to check first: the server stops reading it at the cap instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException e) when (RefusedInput.IsUnsupportedCharset(e))
            {
                throw Refused(request, RefusedInput.UnsupportedCharsetMessage);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Malformed or truncated multipart sections, bad chunked framing, or a form over the reader's limits.
                throw Refused(request, IsTooLarge(e) ? TooLarge : "The request body is not a valid form");
            }

            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    all.Add(new(key, value ?? ""));
                }
            }
        }
        else if (request.HasJsonContentType())
        {
            await ReadJsonAsync(request, all, cancellationToken).ConfigureAwait(false);
        }

        return new GraphParameters(all);
    }

    private static string TooLarge => $"The request body is larger than {MaxBodyBytes} bytes";

    private static bool IsTooLarge(Exception e) => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    /// <summary>The Graph error for a body the server will not read, logged as one line.</summary>
    private static GraphException Refused(HttpRequest request, string reason)
    {
        RefusedInput.Log(request.HttpContext, reason);
        return GraphErrors.InvalidParameter(reason);
    }

    private static async Task ReadJsonAsync(HttpRequest request, List<KeyValuePair<string, string>> all, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw Refused(request, TooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Bad chunked framing (a chunk size that overflows, say) or a body cut short.
            throw Refused(request, IsTooLarge(e) ? TooLarge : "The request body could not be read");
        }

        if (buffer.Length == 0)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw GraphErrors.InvalidParameter("The request body is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw GraphErrors.InvalidParameter("The JSON request body must be an object");
            }

            if (!JsonStrings.AreUnicode(document.RootElement))
            {
                throw Refused(request, "The JSON request body has a string that is not valid Unicode (invalid UTF-8 or a lone surrogate escape)");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Strings as their text; numbers, booleans and nested JSON as written (Graph parses those itself).
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
                all.Add(new(property.Name, value));
            }
        }
    }
}
