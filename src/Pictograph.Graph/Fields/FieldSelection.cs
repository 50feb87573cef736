using System.Text;

namespace Pictograph.Graph.Fields;

/// <summary>A modifier such as <c>.limit(5)</c> on a requested field.</summary>
public sealed record FieldModifier(string Name, string Value);

/// <summary>One item of a <c>fields</c> list: a name, its modifiers and an optional nested selection.</summary>
public sealed record FieldRequest(string Name, IReadOnlyList<FieldModifier> Modifiers, FieldSelection? Children, int Position)
{
    public string? Modifier(string name)
    {
        foreach (var modifier in Modifiers)
        {
            if (modifier.Name == name)
            {
                return modifier.Value;
            }
        }

        return null;
    }

    /// <summary>The key the value is written under: <c>.as(alias)</c> when given, else the name.</summary>
    public string OutputName => Modifier("as") ?? Name;

    internal void Render(StringBuilder text)
    {
        text.Append(Name);
        foreach (var modifier in Modifiers)
        {
            text.Append('.').Append(modifier.Name).Append('(').Append(modifier.Value).Append(')');
        }

        if (Children is not null)
        {
            text.Append('{');
            Children.Render(text);
            text.Append('}');
        }
    }
}

/// <summary>A parsed <c>fields</c> list, in the order the client asked.</summary>
public sealed class FieldSelection(IReadOnlyList<FieldRequest> items)
{
    public IReadOnlyList<FieldRequest> Items { get; } = items;

    /// <summary>A selection of plain field names, as node types declare their defaults.</summary>
    public static FieldSelection Of(params string[] names) =>
        new([.. names.Select((name, i) => new FieldRequest(name, [], null, i))]);

    /// <summary>The canonical text form, which <see cref="FieldsParser"/> reads back to an equal selection.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }

    internal void Render(StringBuilder text)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Items[i].Render(text);
        }
    }
}
