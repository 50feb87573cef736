using Pictograph.Graph.Schema;
using Pictograph.Nodes;

namespace Pictograph.Coverage;

/// <summary>How this server answers a name of Meta's spec.</summary>
public enum CoverageState
{
    /// <summary>Served from real data.</summary>
    Served,

    /// <summary>Served, always empty (false, 0, an empty list or left out): this server has no such data, by design.</summary>
    ServedEmpty,

    /// <summary>Answers <c>(#3) … is not available yet on this server</c>.</summary>
    NotYet,

    /// <summary>Not declared at all: answers a <c>(#100)</c> error.</summary>
    Missing,
}

/// <summary>One spec field, or one method of a spec edge (<see cref="Method"/> set), as this server answers it.</summary>
/// <param name="Name">The field or edge name; null for the node itself (<c>/{id}</c>).</param>
/// <param name="SpecType">Meta's type of the field, or what the edge returns.</param>
/// <param name="Permissions">Each entry is a set of which any one permission is needed; all entries are needed.</param>
/// <param name="Note">Why a field is empty by design.</param>
public sealed record CoverageRow(string? Name, string? Method, string SpecType, CoverageState State, IReadOnlyList<IReadOnlyList<string>> Permissions, string? Note);

/// <summary>A spec type next to the node type serving it.</summary>
public sealed record TypeCoverage(SpecMapping Mapping, IReadOnlyList<CoverageRow> Fields, IReadOnlyList<CoverageRow> Edges)
{
    /// <summary>Fields served from data or served empty by design.</summary>
    public int FieldsServed => Fields.Count(f => f.State is CoverageState.Served or CoverageState.ServedEmpty);
}

/// <summary>Compares the node types of the real schema with Meta's specs, name by name.</summary>
public static class CoverageReport
{
    public static IReadOnlyList<TypeCoverage> Build(InstagramSchema schema, string specsDirectory) =>
        [.. schema.SpecTypes.Select(mapping => Compare(mapping, SpecType.Load(specsDirectory, mapping.Spec)))];

    public static TypeCoverage Compare(SpecMapping mapping, SpecType spec)
    {
        var type = mapping.Type;
        var fields = spec.Fields.Select(f => FieldRow(type, f)).ToList();
        var edges = spec.Apis.Select(a => a.Edge is null ? NodeRow(type, a) : EdgeRow(type, a)).ToList();
        return new TypeCoverage(mapping, fields, edges);
    }

    private static CoverageRow FieldRow(NodeType type, SpecField spec)
    {
        if (!type.TryGetField(spec.Name, out var field))
        {
            return new CoverageRow(spec.Name, null, spec.Type, CoverageState.Missing, [], null);
        }

        return new CoverageRow(spec.Name, null, spec.Type, StateOf(field), Needs(type.RequiredPermissions, field.RequiredPermissions), field.EmptyReason);
    }

    /// <summary>A GET edge is a field (a connection, or a value usable as a path) or a handler; writes are handlers.</summary>
    private static CoverageRow EdgeRow(NodeType type, SpecApi spec)
    {
        var edge = spec.Edge!;
        if (type.TryGetField(edge, out var field) && (field.IsUnavailable || spec.Method == "GET"))
        {
            return new CoverageRow(edge, spec.Method, spec.Returns, StateOf(field), Needs(type.RequiredPermissions, field.RequiredPermissions), field.EmptyReason);
        }

        return Operation(type, spec, edge) is { } operation
            ? new CoverageRow(edge, spec.Method, spec.Returns, StateOf(operation), Needs(type.RequiredPermissions, operation.RequiredPermissions), null)
            : new CoverageRow(edge, spec.Method, spec.Returns, CoverageState.Missing, [], null);
    }

    /// <summary>Reading the node itself always works where the type exists; its writes are declared operations.</summary>
    private static CoverageRow NodeRow(NodeType type, SpecApi spec)
    {
        if (spec.Method == "GET")
        {
            return new CoverageRow(null, spec.Method, spec.Returns, CoverageState.Served, Needs(type.RequiredPermissions, []), null);
        }

        return Operation(type, spec, null) is { } operation
            ? new CoverageRow(null, spec.Method, spec.Returns, StateOf(operation), Needs(type.RequiredPermissions, operation.RequiredPermissions), null)
            : new CoverageRow(null, spec.Method, spec.Returns, CoverageState.Missing, [], null);
    }

    private static GraphOperation? Operation(NodeType type, SpecApi spec, string? edge) =>
        type.Operations.FirstOrDefault(o => o.Method == spec.Method && o.Edge == edge);

    private static CoverageState StateOf(GraphOperation operation) => operation.IsUnavailable ? CoverageState.NotYet : CoverageState.Served;

    private static CoverageState StateOf(GraphField field) =>
        field.IsUnavailable ? CoverageState.NotYet
        : field.EmptyReason is not null ? CoverageState.ServedEmpty
        : CoverageState.Served;

    private static IReadOnlyList<IReadOnlyList<string>> Needs(IReadOnlyList<string> node, IReadOnlyList<string> own) =>
        [.. new[] { node, own }.Where(p => p.Count > 0)];
}
