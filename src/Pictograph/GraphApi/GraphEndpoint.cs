using System.Globalization;
using Microsoft.Extensions.Options;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Routing;
using Pictograph.Hosting;
using Pictograph.Nodes;
using Pictograph.RateLimits;

namespace Pictograph.GraphApi;

/// <summary>
/// The one Graph endpoint: <c>/{version?}/{node}/{edge?}</c> for every verb. It authenticates, finds the
/// node type from the id, runs the engine and writes JSON, or the Graph error envelope.
/// </summary>
public static class GraphEndpoint
{
    private static readonly string[] PagingParameters = ["limit", "after", "before", "since", "until"];


    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{**path}", ["GET", "POST", "DELETE", "PUT", "PATCH"], HandleAsync).ShortCircuit();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string? path)
    {
        var traceId = GraphResponses.NewTraceId();
        var version = GraphResponses.DefaultVersion;
        try
        {
            var route = GraphPath.Parse(path ?? "");
            version = route.Version ?? GraphResponses.DefaultVersion;
            var parameters = await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
            var result = await ExecuteAsync(http, route, version, parameters);
            await GraphResponses.WriteAsync(http, StatusCodes.Status200OK, version, traceId, result.WriteTo);
        }
        catch (GraphException e)
        {
            await GraphResponses.WriteErrorAsync(http, e.Error, version, traceId);
        }
        catch (BadHttpRequestException)
        {
            await GraphResponses.WriteErrorAsync(http, GraphErrors.InvalidParameter("The request could not be read").Error, version, traceId);
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
            await GraphResponses.WriteErrorAsync(http, error, version, traceId);
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
        await UsageMeter.ChargeAsync(http, token);
        var caller = http.RequestServices.GetRequiredService<GraphCaller>();
        var origin = Origin(http);
        caller.Set(token, origin);

        var id = ResolveId(route.Node, token);
        var schema = http.RequestServices.GetRequiredService<InstagramSchema>();
        var type = (NodeIds.KindOf(id) is { } kind ? schema.Resolve(kind, token) : null)
            ?? throw GraphErrors.UnsupportedMethod(method, route.Node);

        var context = new GraphContext
        {
            Services = http.RequestServices,
            Permissions = token.Scopes,
            Cursors = http.RequestServices.GetRequiredService<CursorCodec>(),
            Links = new PagingLinks($"{origin}/{version}", tokenText, RootParameters(parameters)),
            CancellationToken = http.RequestAborted,
        };
        var loaded = await LoadNodeAsync(type, id, context) ?? throw GraphErrors.UnsupportedMethod(method, route.Node);
        var executor = http.RequestServices.GetRequiredService<GraphExecutor>();
        if (method != "GET")
        {
            return await executor.MutateAsync(type, loaded, method, route.Edge, parameters.Arguments, context);
        }

        var fields = parameters["fields"] is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? FieldsParser.Parse(text) : null;
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
        var token = await tokens.ValidateAsync(text, http.RequestAborted);
        if (token.Kind != TokenKind.App)
        {
            // The app is cached; its secret checks appsecret_proof when sent, and demands it when the app says so.
            var app = await http.RequestServices.GetRequiredService<AppDirectory>().FindAsync(token.AppId, http.RequestAborted)
                ?? throw AuthErrors.CannotParse();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            AppSecretProof.Check(parameters["appsecret_proof"], parameters["appsecret_time"], text, app.Secret, app.RequireAppSecretProof, now);
        }

        return (text, token);
    }

    private static long ResolveId(string node, TokenInfo token)
    {
        if (node == "me")
        {
            return token.SubjectId;
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
}
