using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Routing;
using Pictograph.Hosting;
using Pictograph.Nodes;

namespace Pictograph.GraphApi;

/// <summary>
/// The one Graph endpoint: <c>/{version?}/{node}/{edge?}</c> for every verb. It authenticates, finds the
/// node type from the id, runs the engine and writes JSON, or the Graph error envelope.
/// </summary>
public static class GraphEndpoint
{
    public const string DefaultVersion = "v25.0";

    private static readonly string[] PagingParameters = ["limit", "after", "before", "since", "until"];

    // The body is JSON for API clients, never HTML: emoji and quotes need no \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{**path}", ["GET", "POST", "DELETE", "PUT", "PATCH"], HandleAsync).ShortCircuit();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string? path)
    {
        var traceId = NewTraceId();
        var version = DefaultVersion;
        try
        {
            var route = GraphPath.Parse(path ?? "");
            version = route.Version ?? DefaultVersion;
            var parameters = await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
            var result = await ExecuteAsync(http, route, version, parameters);
            await WriteAsync(http, StatusCodes.Status200OK, version, traceId, result.WriteTo);
        }
        catch (GraphException e)
        {
            await WriteErrorAsync(http, e.Error, version, traceId);
        }
        catch (BadHttpRequestException)
        {
            await WriteErrorAsync(http, GraphErrors.InvalidParameter("The request could not be read").Error, version, traceId);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // The last line of defence: a bug must still answer in the Graph envelope, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphEndpoint))
                .LogError(e, "Unhandled error in Graph request {TraceId}", traceId);
            var error = new GraphError(2, "An unexpected error has occurred. Please retry your request later.") { HttpStatus = 500, IsTransient = true };
            await WriteErrorAsync(http, error, version, traceId);
        }
    }

    private static async Task<GraphResult> ExecuteAsync(HttpContext http, GraphPath route, string version, GraphParameters parameters)
    {
        var method = (parameters["method"] ?? http.Request.Method).ToUpperInvariant();
        if (route.Node is null)
        {
            throw GraphErrors.InvalidParameter("A node id is required in the path, e.g. /me or /{id}");
        }

        var (tokenText, token) = await AuthenticateAsync(http, parameters, route.Node == "me");
        var caller = http.RequestServices.GetRequiredService<GraphCaller>();
        var origin = Origin(http);
        caller.Set(token, origin);

        var id = ResolveId(route.Node, token);
        var schema = http.RequestServices.GetRequiredService<InstagramSchema>();
        var type = (NodeIds.KindOf(id) is { } kind ? schema.Resolve(kind, token) : null)
            ?? throw GraphErrors.UnsupportedGet(route.Node);

        if (method != "GET")
        {
            // Writes arrive with the Graph API for professional accounts; Basic Display has none.
            throw GraphErrors.UnsupportedMethod(method, route.Node);
        }

        var context = new GraphContext
        {
            Services = http.RequestServices,
            Permissions = token.Scopes,
            Cursors = http.RequestServices.GetRequiredService<CursorCodec>(),
            Links = new PagingLinks($"{origin}/{version}", tokenText, RootParameters(parameters)),
            CancellationToken = http.RequestAborted,
        };
        var loaded = await LoadNodeAsync(type, id, context) ?? throw GraphErrors.UnsupportedGet(route.Node);
        var fields = parameters["fields"] is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? FieldsParser.Parse(text) : null;
        var executor = http.RequestServices.GetRequiredService<GraphExecutor>();
        if (route.Edge is null)
        {
            return await executor.ReadNodeAsync(type, loaded, fields, context);
        }

        var paging = PagingParameters
            .Where(name => parameters[name] is not null)
            .Select(name => new FieldModifier(name, parameters[name]!))
            .ToList();
        return await executor.ReadEdgeAsync(type, loaded, route.Edge, fields, paging, context);
    }

    private static async Task<object?> LoadNodeAsync(Graph.Schema.NodeType type, long id, GraphContext context)
    {
        var loaded = await type.LoadAsync([id], context);
        return loaded.GetValueOrDefault(id);
    }

    private static async Task<(string Text, TokenInfo Info)> AuthenticateAsync(HttpContext http, GraphParameters parameters, bool forMe)
    {
        var text = parameters["access_token"];
        if (string.IsNullOrEmpty(text) && http.Request.Headers.Authorization.ToString() is { Length: > 0 } header)
        {
            var space = header.IndexOf(' ', StringComparison.Ordinal);
            var scheme = space < 0 ? header : header[..space];
            if (space > 0 && (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("OAuth", StringComparison.OrdinalIgnoreCase)))
            {
                text = header[(space + 1)..].Trim();
            }
        }

        if (string.IsNullOrEmpty(text))
        {
            throw AuthErrors.Missing(forMe);
        }

        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        return (text, await tokens.ValidateAsync(text, http.RequestAborted));
    }

    private static long ResolveId(string node, TokenInfo token)
    {
        if (node == "me")
        {
            return token.AccountId;
        }

        if (node.Length <= 19 && long.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        if (node.All(char.IsAsciiDigit))
        {
            throw GraphErrors.UnsupportedGet(node);
        }

        throw GraphErrors.UnknownAlias(node.Length <= 64 ? node : node[..64] + "…");
    }

    /// <summary>The request's parameters minus the paging and token ones, repeated in paging links.</summary>
    private static List<KeyValuePair<string, string>> RootParameters(GraphParameters parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string>>();
        // Last value wins, as in lookups; keep the first-seen order for stable links.
        foreach (var (name, _) in parameters.All)
        {
            if (name is not ("access_token" or "after" or "before" or "appsecret_proof" or "appsecret_time" or "method") && seen.Add(name))
            {
                result.Add(new(name, parameters[name]!));
            }
        }

        return result;
    }

    private static string Origin(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<PictographOptions>>().Value;
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : options.PublicBaseUrl.TrimEnd('/');
    }

    private static async Task WriteAsync(HttpContext http, int status, string version, string traceId, Action<Utf8JsonWriter> body)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        response.Headers["facebook-api-version"] = version;
        response.Headers["x-fb-trace-id"] = traceId;
        response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            body(writer);
        }

        await response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, GraphError error, string version, string traceId)
    {
        if (http.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        http.Response.Clear();
        var kind = error.AuthenticateKind ?? "invalid_request";
        http.Response.Headers.WWWAuthenticate = $"OAuth \"Facebook Platform\" \"{kind}\" \"{HeaderText(error.Message)}\"";

        return WriteAsync(http, error.HttpStatus, version, traceId, w => GraphErrorWriter.Write(w, error, traceId));
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

    /// <summary>A 128-bit random trace id in the base64url style of fbtrace_id.</summary>
    private static string NewTraceId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
