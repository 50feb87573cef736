using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pictograph.Data.Changes;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Routing;
using Pictograph.GraphApi.Versions;
using Pictograph.Hosting;
using Pictograph.Impersonation;
using Pictograph.Nodes;
using Pictograph.Nodes.Instagram;
using Pictograph.RateLimits;

namespace Pictograph.GraphApi;

/// <summary>
/// The one Graph endpoint: <c>/{version?}/{node}/{edge?}</c> for every verb. It authenticates, finds the
/// node type from the id, runs the engine and writes JSON, or the Graph error envelope.
/// </summary>
public static class GraphEndpoint
{
    private static readonly string[] PagingParameters = ["limit", "after", "before", "since", "until"];

    /// <summary>Most ids one multi-id read accepts.</summary>
    private const int MaxIds = 50;

    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{**path}", ["GET", "POST", "DELETE", "PUT", "PATCH"], HandleAsync).ShortCircuit().ServedOn([.. MetaHosts.Graphs]);
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string? path)
    {
        var traceId = GraphResponses.NewTraceId();
        var versions = http.RequestServices.GetRequiredService<ApiVersions>();
        var version = versions.Serve(null);
        try
        {
            var route = GraphPath.Parse(path ?? "", versions.IsVersion);
            version = versions.Serve(route.Version);
            var parameters = await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
            var result = await ExecuteAsync(http, route, version, parameters);
            await (result.Json is { } json
                ? GraphResponses.WriteJsonAsync(http, version, traceId, json)
                : GraphResponses.WriteAsync(http, StatusCodes.Status200OK, version, traceId, result.WriteTo));
        }
        catch (ReadAfterWriteException e)
        {
            await GraphResponses.WriteErrorAsync(http, e.Error, version, traceId, e.OriginalResponse);
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

    /// <param name="version">The version asked for; a batch operation's may still be expired or not a version at all.</param>
    internal static async Task<GraphResult> ExecuteAsync(HttpContext http, GraphPath route, string version, GraphParameters parameters)
    {
        // A batch reads its relative_url with every well-formed vN.N as a version: the same rule as for a path here.
        var versions = http.RequestServices.GetRequiredService<ApiVersions>();
        version = versions.IsVersion(version)
            ? versions.Serve(version)
            : throw GraphErrors.UnknownPath("/" + string.Join('/', new[] { route.Node, route.Edge }.OfType<string>()));
        var method = (parameters["method"] ?? http.Request.Method).ToUpperInvariant();
        if (method == "POST" && route.Edge is null && route.Node is null or "me" && parameters["batch"] is not null)
        {
            // Each operation is its own call through this same pipeline (and is charged as one).
            return await GraphBatch.RunAsync(http, version, parameters);
        }

        if (route.Node is null && !(method == "GET" && parameters["ids"] is not null))
        {
            throw GraphErrors.InvalidParameter("A node id is required in the path, e.g. /me or /{id}");
        }

        // One stamp for the token lookup and the kept answer (both kept copies checked against the same commit).
        var stamp = await http.RequestServices.GetRequiredService<IChangeStamp>().ReadAsync(http.RequestAborted);
        var (tokenText, token) = await AuthenticateAsync(http, parameters, route.Node == "me", stamp);
        await GraphCallObservers.NotifyAsync(http, tokenText, token);
        await UsageMeter.ChargeAsync(http, token);
        var origins = RequestOrigins.For(http.Request, http.RequestServices.GetRequiredService<IOptions<PictographOptions>>().Value);
        var origin = origins.Self;
        // A plain read asked again with nothing committed since: the kept answer (see AnswerCache).
        var slot = route.Node is null || method != "GET" ? null : http.RequestServices.GetRequiredService<AnswerCache>().SlotFor(http.Request, origin, tokenText, stamp);
        if (slot?.Kept is { } kept)
        {
            return GraphResult.Rendered(kept);
        }

        var caller = http.RequestServices.GetRequiredService<GraphCaller>();
        caller.Set(token, origins);

        var context = new GraphContext
        {
            Services = http.RequestServices,
            Permissions = token.Scopes,
            Cursors = http.RequestServices.GetRequiredService<CursorCodec>(),
            Links = new PagingLinks($"{origin}/{version}", tokenText, RootParameters(parameters)),
            CancellationToken = http.RequestAborted,
            MaxItems = http.RequestServices.GetRequiredService<IOptions<PictographOptions>>().Value.MaxAnswerItems,
        };

        if (route.Node is null)
        {
            return await MultiIdAsync(http, parameters, token, context);
        }

        if (route.Node == "ig_hashtag_search" && route.Edge is null && token.Flavour == TokenFlavour.Facebook)
        {
            if (method != "GET")
            {
                throw GraphErrors.UnsupportedMethod(method, route.Node);
            }

            var found = await HashtagSearchLimit.SearchAsync(parameters.Arguments, context);
            return new GraphResult(found.WriteTo);
        }

        return await OnNodeAsync(http, route.Node, route.Edge, method, parameters, token, context, slot);
    }

    /// <param name="slot">Where a plain read's answer is kept; writes and computed GET edges are never kept.</param>
    private static async Task<GraphResult> OnNodeAsync(HttpContext http, string node, string? edge, string method, GraphParameters parameters, TokenInfo token, GraphContext context, AnswerCache.Slot? slot)
    {
        var (type, loaded) = await FindNodeAsync(http, node, method, token, context);
        var executor = http.RequestServices.GetRequiredService<GraphExecutor>();
        var fields = Fields(parameters);
        if (method == "GET" && edge is not null && type.HandlesGet(edge))
        {
            return await executor.MutateAsync(type, loaded, method, edge, parameters.Arguments, context);
        }

        if (method != "GET")
        {
            var written = await executor.MutateAsync(type, loaded, method, edge, parameters.Arguments, context);
            return fields is null ? written : await ReadAfterWriteAsync(http, written, fields, token, context);
        }

        if (edge is null)
        {
            var read = await executor.ReadNodeAsync(type, loaded, fields, context);
            return slot is null ? read : slot.Keep(read, context);
        }

        // Paging parameters first, then the edge's other parameters (e.g. user_id of hashtag media) as modifiers.
        var paging = PagingParameters
            .Where(name => parameters[name] is not null)
            .Select(name => new FieldModifier(name, parameters[name]!))
            .Concat(RootParameters(parameters).Where(p => !PagingParameters.Contains(p.Key)).Select(p => new FieldModifier(p.Key, p.Value)))
            .ToList();
        var page = await executor.ReadEdgeAsync(type, loaded, edge, fields, paging, context);
        return slot is null ? page : slot.Keep(page, context);
    }

    private static async Task<(Graph.Schema.NodeType Type, object Node)> FindNodeAsync(HttpContext http, string node, string method, TokenInfo token, GraphContext context)
    {
        var id = ResolveId(node, token);
        var schema = http.RequestServices.GetRequiredService<InstagramSchema>();
        var type = (NodeIds.KindOf(id) is { } kind ? schema.Resolve(kind, token) : null)
            ?? throw GraphErrors.UnsupportedMethod(method, node);
        var loaded = await LoadNodeAsync(type, id, context) ?? throw GraphErrors.UnsupportedMethod(method, node);
        return (type, loaded);
    }

    /// <summary>
    /// <c>GET /?ids=a,b&amp;fields=…</c>: one object keyed by each id as given (<c>me</c> included); any id that
    /// cannot be read fails the whole request with that id's error. Each id counts as a call.
    /// </summary>
    private static async Task<GraphResult> MultiIdAsync(HttpContext http, GraphParameters parameters, TokenInfo token, GraphContext context)
    {
        var ids = ParameterValues.List("ids", parameters["ids"])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (ids.Count == 0)
        {
            throw GraphErrors.InvalidParameter("The parameter ids is required");
        }

        if (ids.Count > MaxIds)
        {
            throw GraphErrors.InvalidParameter($"Too many IDs. Maximum: {MaxIds}. Actual: {ids.Count}");
        }

        if (ids.Count > 1)
        {
            // The pipeline charged one call already.
            await UsageMeter.ChargeAsync(http, token, ids.Count - 1);
        }

        var fields = Fields(parameters);
        var executor = http.RequestServices.GetRequiredService<GraphExecutor>();
        var results = new List<(string Id, GraphResult Result)>(ids.Count);
        foreach (var id in ids)
        {
            var (type, loaded) = await FindNodeAsync(http, id, "GET", token, context);
            results.Add((id, await executor.ReadNodeAsync(type, loaded, fields, context)));
        }

        return new GraphResult(writer =>
        {
            writer.WriteStartObject();
            foreach (var (id, result) in results)
            {
                writer.WritePropertyName(id);
                result.WriteTo(writer);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// A write with <c>fields</c>: the written object's fields instead of <c>{"id":…}</c>. When that read fails,
    /// the read's error envelope with the write's own answer in <c>original_response</c> (the write stands).
    /// </summary>
    private static async Task<GraphResult> ReadAfterWriteAsync(HttpContext http, GraphResult written, FieldSelection fields, TokenInfo token, GraphContext context)
    {
        using var original = JsonDocument.Parse(GraphBatch.Render(written.WriteTo));
        if (!original.RootElement.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            return written;
        }

        var originalText = original.RootElement.GetRawText();
        try
        {
            var (type, loaded) = await FindNodeAsync(http, idElement.GetString()!, "GET", token, context);
            var read = await http.RequestServices.GetRequiredService<GraphExecutor>().ReadNodeAsync(type, loaded, fields, context);
            // Nothing is written yet: render now so a late error is still this envelope.
            var body = GraphBatch.Render(read.WriteTo);
            return new GraphResult(w => w.WriteRawValue(body));
        }
        catch (GraphException e)
        {
            throw new ReadAfterWriteException(e.Error, originalText);
        }
    }

    /// <summary>The <c>fields</c> selection: a comma list, or a JSON array of its parts (as the npm fb library sends it).</summary>
    private static FieldSelection? Fields(GraphParameters parameters) =>
        ParameterValues.Fields(parameters["fields"]) is { } text && !string.IsNullOrWhiteSpace(text) ? FieldsParser.Parse(text) : null;

    private static async Task<object?> LoadNodeAsync(Graph.Schema.NodeType type, long id, GraphContext context)
    {
        var loaded = await type.LoadAsync([id], context);
        return loaded.GetValueOrDefault(id);
    }

    internal static async Task<(string Text, TokenInfo Info)> AuthenticateAsync(HttpContext http, GraphParameters parameters, bool forMe, ChangeStamp? stamp)
    {
        var text = parameters.AccessToken(http.Request);
        if (string.IsNullOrEmpty(text))
        {
            throw AuthErrors.Missing(forMe);
        }

        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var token = await tokens.ValidateAsync(text, stamp, http.RequestAborted);
        // graph.instagram.com reads Instagram tokens and graph.facebook.com Facebook Login ones: as at Meta, each
        // host cannot parse the other's. The plain listener reads both.
        if (http.MetaHostOf() is { } host && token.Kind != TokenKind.App && (host == MetaHost.GraphInstagram) == (token.Flavour == TokenFlavour.Facebook))
        {
            throw AuthErrors.CannotParse();
        }

        if (token.Kind != TokenKind.App)
        {
            // The app is cached; its secret checks appsecret_proof when sent, and demands it when the app says so.
            var apps = http.RequestServices.GetRequiredService<AppDirectory>();
            var app = await apps.FindAsync(token.AppId, http.RequestAborted) ?? throw AuthErrors.CannotParse();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            AppSecretProof.Check(parameters["appsecret_proof"], parameters["appsecret_time"], text, apps.SecretOf(app), app.RequireAppSecretProof, now);
        }

        return (text, token);
    }

    private static long ResolveId(string node, TokenInfo token)
    {
        if (node == "me")
        {
            // An app token has no user behind it: Graph answers /me as if no token were given.
            return token.Kind == TokenKind.App ? throw AuthErrors.Missing(forMe: true) : token.SubjectId;
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
}
