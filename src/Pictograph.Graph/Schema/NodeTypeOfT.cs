using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Schema;

/// <summary>A node type over entity <typeparamref name="T"/>, declared fluently.</summary>
public sealed class NodeType<T> : NodeType where T : class
{
    private readonly Func<T, long>? _id;
    private NodeLoader<T>? _loader;
    private readonly Dictionary<(string Method, string Edge), (Mutation<T> Run, IReadOnlyList<string> Requires, bool Unavailable)> _mutations = [];

    /// <param name="name">The type name used in errors, e.g. "IGMedia".</param>
    /// <param name="id">The node id; null for value objects that have none.</param>
    public NodeType(string name, Func<T, long>? id)
        : base(name)
    {
        _id = id;
        if (id is not null)
        {
            AddField(new ScalarField<T>("id", static (_, _) => true, (w, e, _) => w.WriteStringValue(GraphJson.Id(id(e)))));
        }
    }

    public override bool HasId => _id is not null;

    /// <summary>Declares <c>POST /{id}</c> (edge null) or <c>POST /{id}/{edge}</c>.</summary>
    public NodeType<T> OnPost(string? edge, Mutation<T> mutation, IReadOnlyList<string>? requires = null) =>
        OnWrite("POST", edge, mutation, requires);

    /// <summary>
    /// Declares <c>GET /{id}/{edge}</c> answered by a handler that reads every request parameter itself
    /// (insights, quotas): for edges that are computed results rather than paged lists of nodes.
    /// </summary>
    public NodeType<T> OnGet(string edge, Mutation<T> handler, IReadOnlyList<string>? requires = null) =>
        OnWrite("GET", edge, handler, requires);

    public override bool HandlesGet(string edge) => _mutations.ContainsKey(("GET", edge));

    public override IEnumerable<GraphOperation> Operations =>
        _mutations.Select(m => new GraphOperation(m.Key.Method, m.Key.Edge.Length == 0 ? null : m.Key.Edge, m.Value.Requires, m.Value.Unavailable));

    /// <summary>Declares <c>DELETE /{id}</c> (edge null) or <c>DELETE /{id}/{edge}</c>.</summary>
    public NodeType<T> OnDelete(string? edge, Mutation<T> mutation, IReadOnlyList<string>? requires = null) =>
        OnWrite("DELETE", edge, mutation, requires);

    /// <summary>
    /// A write (or computed read) the API has and this server does not serve: <paramref name="method"/> on
    /// <c>/{id}/{edge}</c> answers <paramref name="error"/> (given the edge name and the type name).
    /// </summary>
    public NodeType<T> OnUnavailable(string method, string edge, Func<string, string, GraphException> error)
    {
        _mutations.Add((method, edge), ((_, _, _) => throw error(edge, Name), [], true));
        return this;
    }

    private NodeType<T> OnWrite(string method, string? edge, Mutation<T> mutation, IReadOnlyList<string>? requires)
    {
        _mutations.Add((method, edge ?? ""), (mutation, requires ?? [], false));
        return this;
    }

    internal override Task<MutationResult> MutateAsync(object entity, string method, string? edge, GraphArguments arguments, GraphContext context)
    {
        if (!_mutations.TryGetValue((method, edge ?? ""), out var mutation))
        {
            throw GraphErrors.UnsupportedMethod(method, HasId ? GraphJson.Id(IdOf(entity)) : Name);
        }

        Binder.Authorize(RequiredPermissions, context);
        Binder.Authorize(mutation.Requires, context);
        return mutation.Run((T)entity, arguments, context);
    }

    internal override long IdOf(object entity) =>
        _id is null ? throw new InvalidOperationException($"{Name} has no id.") : _id((T)entity);

    /// <summary>
    /// Marks the field declared just before as always empty here by design (no such data exists on this
    /// server), with the reason; it is still served, and coverage reports tell it from fields served from data.
    /// </summary>
    public NodeType<T> EmptyByDesign(string reason)
    {
        var field = LastDeclared ?? throw new InvalidOperationException($"{Name}: EmptyByDesign follows a field declaration.");
        field.EmptyReason = reason;
        return this;
    }

    public NodeType<T> LoadedBy(NodeLoader<T> loader)
    {
        _loader = loader;
        return this;
    }

    public NodeType<T> Defaults(params string[] fields)
    {
        SetDefaults(FieldSelection.Of(fields));
        return this;
    }

    public NodeType<T> Requires(params string[] anyOf)
    {
        SetRequiredPermissions(anyOf);
        return this;
    }

    private NodeType<T> Add(GraphField field, IReadOnlyList<string>? requires)
    {
        if (requires is { Count: > 0 })
        {
            field.SetRequiredPermissions(requires);
        }

        AddField(field);
        return this;
    }

    /// <summary>A string field; a null value leaves the field out, as the Graph API does.</summary>
    public NodeType<T> String(string name, Func<T, string?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteStringValue(value(e))), requires);

    /// <summary>A string that depends on the request (e.g. a signed URL for the caller's host).</summary>
    public NodeType<T> String(string name, Func<T, GraphContext, string?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, c) => value(e, c) is not null, (w, e, c) => w.WriteStringValue(value(e, c))), requires);

    public NodeType<T> Integer(string name, Func<T, long?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteNumberValue(value(e)!.Value)), requires);

    /// <summary>A number with a fraction (a tag's <c>x</c>, <c>y</c>).</summary>
    public NodeType<T> Number(string name, Func<T, double?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteNumberValue(value(e)!.Value)), requires);

    public NodeType<T> Boolean(string name, Func<T, bool?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteBooleanValue(value(e)!.Value)), requires);

    /// <summary>A time, written as 2024-05-01T12:00:00+0000.</summary>
    public NodeType<T> Timestamp(string name, Func<T, DateTimeOffset?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteStringValue(GraphJson.Timestamp(value(e)!.Value))), requires);

    /// <summary>A value of another JSON shape (a list such as <c>tasks</c>), written by <paramref name="write"/>; null leaves the field out.</summary>
    public NodeType<T> Value<TValue>(string name, Func<T, TValue?> value, Action<Utf8JsonWriter, TValue> write, IReadOnlyList<string>? requires = null)
        where TValue : class =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => write(w, value(e)!)), requires);

    /// <summary>An id-valued field written as a string (e.g. parent_id).</summary>
    public NodeType<T> IdString(string name, Func<T, long?> value, IReadOnlyList<string>? requires = null) =>
        Add(new ScalarField<T>(name, (e, _) => value(e) is not null, (w, e, _) => w.WriteStringValue(GraphJson.Id(value(e)!.Value))), requires);

    /// <summary>A value computed for a whole level at once (counts and the like): one load per level, not per node.</summary>
    public NodeType<T> Batched<TValue>(string name, Func<IReadOnlyList<T>, GraphContext, Task<IReadOnlyList<TValue?>>> load, Action<Utf8JsonWriter, TValue> write, IReadOnlyList<string>? requires = null) =>
        Add(new BatchedField<T, TValue>(name, load, write), requires);

    /// <summary>A single related node (<c>owner</c>, <c>media</c>), expandable with <c>{…}</c>, loaded in batches.</summary>
    /// <param name="defaults">Fields written when the client does not expand it (e.g. <c>id,media_product_type</c>); null: the target's defaults.</param>
    public NodeType<T> Reference<TTarget>(string name, NodeType<TTarget> target, Func<T, long?> targetId, IReadOnlyList<string>? requires = null, FieldSelection? defaults = null)
        where TTarget : class =>
        Add(new ReferenceField<T, TTarget>(name, target, targetId, defaults), requires);

    /// <summary>
    /// An edge: a paged collection usable as a path (<c>/{id}/edge</c>) or a field (<c>edge.limit(5){…}</c>).
    /// Where <paramref name="appliesTo"/> is false (e.g. children of a single photo) the field is left out
    /// and the path answers an empty list, without a query.
    /// </summary>
    public NodeType<T> Connection<TItem>(string name, NodeType<TItem> target, ConnectionLoader<T, TItem> load, Func<TItem, (long Primary, long Secondary)> sortKey, ConnectionOptions? options = null, IReadOnlyList<string>? requires = null, Func<T, bool>? appliesTo = null)
        where TItem : class =>
        Add(new ConnectionField<T, TItem>(name, target, load, sortKey, options ?? ConnectionOptions.Default, appliesTo), requires);

    /// <summary>
    /// A field or edge that exists in the API but is not served (yet): naming it, as a field or a path
    /// edge, answers <paramref name="error"/> before anything loads.
    /// </summary>
    public NodeType<T> Unavailable(string name, Func<string, string, GraphException> error) =>
        Add(new UnavailableField(name, error), null);

    /// <summary>
    /// A single node chosen by the field's own modifiers, e.g. <c>mentioned_media.media_id(1){…}</c>:
    /// <paramref name="find"/> gets every parent of a level and the modifiers, and answers one target id (or null) per parent.
    /// </summary>
    public NodeType<T> Lookup<TTarget>(string name, NodeType<TTarget> target, Func<IReadOnlyList<T>, IReadOnlyList<FieldModifier>, GraphContext, Task<IReadOnlyList<long?>>> find, IReadOnlyList<string>? requires = null)
        where TTarget : class =>
        Add(new LookupField<T, TTarget>(name, target, find), requires);

    public override async Task<IReadOnlyDictionary<long, object>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var loader = _loader ?? throw new InvalidOperationException($"{Name} cannot be loaded by id.");
        var typed = await loader(ids, context).ConfigureAwait(false);
        return typed.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
    }
}

/// <summary>Loads one page per parent for a whole level; items come in the order walked (nearest the cursor first).</summary>
public delegate Task<IReadOnlyList<IReadOnlyList<TItem>>> ConnectionLoader<TParent, TItem>(IReadOnlyList<ConnectionQuery<TParent>> queries, GraphContext context);

/// <summary>Paging rules of one edge.</summary>
/// <param name="DefaultLimit">Page size when the client gives no limit.</param>
/// <param name="MaxLimit">Larger limits are lowered to this.</param>
/// <param name="MaxItems">Only this many items from the start of the list are reachable (e.g. "the 10,000 most recent").</param>
/// <param name="TimeFilter">Whether <c>since</c>/<c>until</c> apply to this edge.</param>
public sealed record ConnectionOptions(int DefaultLimit = 25, int MaxLimit = 100, int? MaxItems = null, bool TimeFilter = false)
{
    public static readonly ConnectionOptions Default = new();

    /// <summary>Whether pages carry <c>previous</c>/<c>next</c> URLs; some edges give cursors only (e.g. IG User <c>tags</c>).</summary>
    public bool Links { get; init; } = true;

    /// <summary>Whether pages carry a <c>before</c> cursor; hashtag <c>recent_media</c> gives only <c>after</c>.</summary>
    public bool BeforeCursor { get; init; } = true;

    /// <summary>
    /// The fields of each item when the client names none, where the edge lists more than the node type's
    /// own defaults (<c>/me/accounts</c> items carry <c>access_token</c>, <c>tasks</c>…; <c>/{page-id}</c> does not).
    /// </summary>
    public FieldSelection? ItemDefaults { get; init; }
}
