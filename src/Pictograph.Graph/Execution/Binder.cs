using System.Globalization;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;

namespace Pictograph.Graph.Execution;

/// <summary>Checks a parsed selection against the schema and the caller's permissions before anything loads.</summary>
internal static class Binder
{
    public static BoundSelection Bind(NodeType type, FieldSelection? selection, GraphContext context)
    {
        Authorize(type.RequiredPermissions, context);
        selection ??= type.DefaultFields;
        var fields = new List<BoundField>(selection.Items.Count);
        var hasId = false;
        foreach (var request in selection.Items)
        {
            var field = type.Field(request.Name);
            hasId |= field.Name == "id";
            fields.Add(BindField(type, field, request, request.Modifiers, request.Children, isPathEdge: false, context));
        }

        return new BoundSelection(type, fields, type.HasId && !hasId, selection.ToString());
    }

    /// <summary>Binds the edge named in a path (<c>/{id}/media</c>); paging comes from the request parameters.</summary>
    public static BoundField BindPathEdge(NodeType type, string edge, FieldSelection? children, IReadOnlyList<FieldModifier> paging, GraphContext context)
    {
        Authorize(type.RequiredPermissions, context);
        var field = type.Field(edge);
        if (field.Unavailable(type.Name) is { } unavailable)
        {
            throw unavailable;
        }

        if (!field.IsConnection)
        {
            throw GraphErrors.NonexistingField(edge, type.Name);
        }

        return BindField(type, field, null, paging, children, isPathEdge: true, context);
    }

    private static BoundField BindField(NodeType owner, GraphField field, FieldRequest? request, IReadOnlyList<FieldModifier> modifiers, FieldSelection? children, bool isPathEdge, GraphContext context)
    {
        if (field.Unavailable(owner.Name) is { } unavailable)
        {
            throw unavailable;
        }

        Authorize(field.RequiredPermissions, context);
        var target = field.Target;
        if (target is null && children is not null)
        {
            throw GraphErrors.InvalidParameter($"The field {field.Name} on node type ({owner.Name}) cannot be expanded with {{…}}");
        }

        return new BoundField(field, owner, request?.OutputName ?? field.Name)
        {
            Modifiers = modifiers,
            Children = target is null ? null : Bind(target, children ?? field.DefaultChildren, context),
            Paging = field is IConnectionField connection ? BindPaging(connection.Options, modifiers) : null,
            IsPathEdge = isPathEdge,
        };
    }

    private static ConnectionArguments BindPaging(ConnectionOptions options, IReadOnlyList<FieldModifier> modifiers)
    {
        string? Value(string name) => modifiers.LastOrDefault(m => m.Name == name)?.Value is { } text ? ParameterValues.Scalar(text) : null;

        var limit = options.DefaultLimit;
        if (Value("limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                throw GraphErrors.InvalidParameter($"The parameter limit must be a positive integer, not \"{Shorten(limitText)}\"");
            }
        }

        var after = NonEmpty(Value("after"));
        var before = NonEmpty(Value("before"));
        if (after is not null && before is not null)
        {
            throw GraphErrors.InvalidParameter("The parameters after and before cannot be used together");
        }

        long? since = null, until = null;
        if (options.TimeFilter)
        {
            since = Value("since") is { } s ? TimeParameter.Parse("since", s) : null;
            until = Value("until") is { } u ? TimeParameter.Parse("until", u) : null;
        }

        return new ConnectionArguments(Math.Min(limit, options.MaxLimit), after, before, since, until);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static string Shorten(string text) => GraphErrors.Excerpt(text, 40);

    internal static void Authorize(IReadOnlyList<string> anyOf, GraphContext context)
    {
        if (anyOf.Count > 0 && !anyOf.Any(context.HasPermission))
        {
            throw GraphErrors.PermissionDenied();
        }
    }
}
