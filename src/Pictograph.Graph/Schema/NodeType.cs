using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Schema;

/// <summary>A node type of the graph: its name (as errors spell it), fields, edges and defaults.</summary>
public abstract class NodeType
{
    private readonly Dictionary<string, GraphField> _fields = new(StringComparer.Ordinal);

    protected NodeType(string name) => Name = name;

    public string Name { get; }

    /// <summary>What is returned when the client names no fields (<c>id</c> for most Instagram nodes).</summary>
    public FieldSelection DefaultFields { get; private set; } = FieldSelection.Of("id");

    /// <summary>Any one of these permissions is needed to see a node of this type at all.</summary>
    public IReadOnlyList<string> RequiredPermissions { get; private set; } = [];

    public IEnumerable<GraphField> Fields => _fields.Values;

    /// <summary>The writes and computed reads declared with OnPost, OnDelete and OnGet (edge null: the node itself).</summary>
    public abstract IEnumerable<GraphOperation> Operations { get; }

    /// <summary>The field declared last, which declaration modifiers such as <c>EmptyByDesign</c> apply to.</summary>
    private protected GraphField? LastDeclared { get; private set; }

    /// <summary>Nodes with an id always carry it in output, appended when the client did not ask for it.</summary>
    public abstract bool HasId { get; }

    internal abstract long IdOf(object entity);

    public bool TryGetField(string name, out GraphField field) => _fields.TryGetValue(name, out field!);

    public GraphField Field(string name) =>
        TryGetField(name, out var field) ? field : throw GraphErrors.NonexistingField(name, Name);

    protected void AddField(GraphField field)
    {
        if (!_fields.TryAdd(field.Name, field))
        {
            throw new InvalidOperationException($"{Name}.{field.Name} is declared twice.");
        }

        LastDeclared = field;
    }

    protected void SetDefaults(FieldSelection defaults) => DefaultFields = defaults;

    /// <summary>Whether <c>GET /{id}/{edge}</c> is a handler declared with <c>OnGet</c> rather than a field or connection.</summary>
    public abstract bool HandlesGet(string edge);

    /// <summary>Runs the write registered for this method and edge (null edge: the node itself), or answers it is unsupported.</summary>
    internal abstract Task<Mutations.MutationResult> MutateAsync(object entity, string method, string? edge, Mutations.GraphArguments arguments, GraphContext context);

    protected void SetRequiredPermissions(IReadOnlyList<string> anyOf) => RequiredPermissions = anyOf;

    /// <summary>Loads nodes by id for this caller; ids the caller may not see are simply absent.</summary>
    public abstract Task<IReadOnlyDictionary<long, object>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context);
}

/// <summary>A write or computed read of a node type: <c>POST /{id}/{edge}</c> and the like; any one of the permissions allows it.</summary>
/// <param name="IsUnavailable">Declared with <c>OnUnavailable</c>: the API has it, this server answers its error.</param>
public sealed record GraphOperation(string Method, string? Edge, IReadOnlyList<string> RequiredPermissions, bool IsUnavailable);

/// <summary>Loads the nodes with these ids that the caller may see.</summary>
public delegate Task<IReadOnlyDictionary<long, T>> NodeLoader<T>(IReadOnlyCollection<long> ids, GraphContext context);
