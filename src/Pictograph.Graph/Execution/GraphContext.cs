using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Execution;

/// <summary>What the engine needs to know about the request it is answering.</summary>
public sealed class GraphContext
{
    /// <summary>The host's services, for loaders (the engine itself uses none).</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>Permissions the caller's token carries.</summary>
    public required IReadOnlySet<string> Permissions { get; init; }

    public required CursorCodec Cursors { get; init; }

    public required PagingLinks Links { get; init; }

    public CancellationToken CancellationToken { get; init; }

    public bool HasPermission(string permission) => Permissions.Contains(permission);
}

/// <summary>How to build absolute <c>paging.next</c>/<c>previous</c> URLs that a client can follow verbatim.</summary>
/// <param name="BaseUrl">Origin plus version segment, e.g. <c>http://127.0.0.1:5080/v21.0</c>.</param>
/// <param name="AccessToken">The caller's token, carried in every link (as Instagram's links do).</param>
/// <param name="RootParameters">The request's own parameters, repeated in the links of the edge named in the path.</param>
public sealed record PagingLinks(string BaseUrl, string? AccessToken, IReadOnlyList<KeyValuePair<string, string>> RootParameters);
