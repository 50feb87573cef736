using System.Text;
using CsCheck;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Fields;

namespace Pictograph.Graph.Tests.Fields;

public class FieldsParserPropertyTests
{
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcxyz_019"], 1, 6];

    /// <summary>Modifier values: anything but ")" (which ends them), without surrounding whitespace (which is trimmed).</summary>
    private static readonly Gen<string> Value = Gen.OneOf(
            Gen.String[Gen.Char["abc019 -_,.{}(:+"], 0, 8],
            Gen.String[Gen.Char.Where(c => c != ')'), 0, 8])
        .Select(v => v.Trim());

    /// <summary>Aliases are names: a letter or underscore, then letters, digits and underscores.</summary>
    private static readonly Gen<string> Alias = Gen.Select(Gen.Char["aZ_"], Gen.String[Gen.Char["aZ_09"], 0, 5], (first, rest) => first + rest);

    private static readonly Gen<FieldModifier> Modifier = Gen.OneOf(
        Alias.Select(alias => new FieldModifier("as", alias)),
        Gen.Select(Gen.OneOf(Gen.Const("limit"), Gen.Const("after"), Name), Value, (name, value) => new FieldModifier(name, value)));

    private static readonly Gen<FieldSelection> Selection = SelectionOf(depth: 4);

    private static readonly Gen<string> Whitespace = Gen.String[Gen.Char[" \t\r\n"], 0, 3];

    [Fact]
    public void Arbitrary_text_parses_or_throws_a_graph_exception()
    {
        Gen.String.Sample(ParsesOrFailsCleanly);
    }

    [Fact]
    public void Mixes_of_the_grammar_characters_parse_or_throw_a_graph_exception()
    {
        Gen.String[Gen.Char["abz_,.(){} "], 0, 40].Sample(ParsesOrFailsCleanly, iter: 2000);
    }

    [Fact]
    public void Mixes_of_valid_fragments_parse_or_throw_a_graph_exception()
    {
        var fragment = Gen.OneOf(
            Gen.Const("id"), Gen.Const("name"), Gen.Const(","), Gen.Const("{"), Gen.Const("}"), Gen.Const(".limit(2)"),
            Gen.Const(".as(id)"), Gen.Const(".as(x)"), Gen.Const("("), Gen.Const(")"), Gen.Const("."), Gen.Const(" "));

        fragment.Array[0, 30].Select(parts => string.Concat(parts)).Sample(ParsesOrFailsCleanly, iter: 2000);
    }

    [Fact]
    public void Mutations_of_valid_selections_parse_or_throw_a_graph_exception()
    {
        Gen.Select(Selection, Gen.Int.NonNegative, Gen.Char["abz_,.(){} \0é"], Gen.Bool)
            .Select((selection, at, c, insert) =>
            {
                var text = selection.ToString();
                var i = at % (text.Length + 1);
                return insert || i == text.Length ? text.Insert(i, c.ToString()) : text.Remove(i, 1).Insert(i, c.ToString());
            })
            .Sample(ParsesOrFailsCleanly);
    }

    [Fact]
    public void Generated_selections_round_trip_through_their_text()
    {
        Selection.Sample(selection =>
        {
            var text = selection.ToString();

            var parsed = FieldsParser.Parse(text);

            Assert.Equal(text, parsed.ToString());
            AssertSame(selection, parsed);
        });
    }

    [Fact]
    public void Whitespace_between_tokens_does_not_change_the_parse()
    {
        Gen.Select(Selection, Whitespace.Array[64]).Sample((selection, spaces) =>
        {
            var n = 0;
            string Space() => spaces[n++ % spaces.Length];
            var text = new StringBuilder();
            RenderSpaced(selection, text, Space);

            Assert.Equal(selection.ToString(), FieldsParser.Parse(text.ToString()).ToString());
        });
    }

    private static void ParsesOrFailsCleanly(string text)
    {
        FieldSelection parsed;
        try
        {
            parsed = FieldsParser.Parse(text);
        }
        catch (GraphException e)
        {
            Assert.True(e.Error.Code is 100 or 2500, e.Message);
            return;
        }

        // Whatever parses prints a form that parses back to itself.
        Assert.Equal(parsed.ToString(), FieldsParser.Parse(parsed.ToString()).ToString());
    }

    private static Gen<FieldSelection> SelectionOf(int depth)
    {
        var leaf = Gen.Const((FieldSelection?)null);
        var children = depth <= 1
            ? leaf
            : Gen.Frequency((2, leaf), (1, SelectionOf(depth - 1).Select(s => (FieldSelection?)s)));
        var item = Gen.Select(Name, Modifier.Array[0, 3], children, (name, modifiers, nested) => (name, modifiers, nested));
        return item.Array[1, 4].Select(items =>
        {
            // Keep the first item of each output name: a valid selection names each output once.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var requests = new List<FieldRequest>();
            foreach (var (name, modifiers, nested) in items)
            {
                var request = new FieldRequest(name, modifiers, nested, requests.Count);
                if (seen.Add(request.OutputName))
                {
                    requests.Add(request);
                }
            }

            return new FieldSelection(requests);
        });
    }

    private static void AssertSame(FieldSelection expected, FieldSelection actual)
    {
        Assert.Equal(expected.Items.Count, actual.Items.Count);
        for (var i = 0; i < expected.Items.Count; i++)
        {
            Assert.Equal(expected.Items[i].Name, actual.Items[i].Name);
            Assert.Equal(expected.Items[i].Modifiers, actual.Items[i].Modifiers);
            Assert.Equal(expected.Items[i].Children is null, actual.Items[i].Children is null);
            if (expected.Items[i].Children is { } children)
            {
                AssertSame(children, actual.Items[i].Children!);
            }
        }
    }

    private static void RenderSpaced(FieldSelection selection, StringBuilder text, Func<string> space)
    {
        for (var i = 0; i < selection.Items.Count; i++)
        {
            var item = selection.Items[i];
            text.Append(space());
            if (i > 0)
            {
                text.Append(',').Append(space());
            }

            text.Append(item.Name).Append(space());
            foreach (var modifier in item.Modifiers)
            {
                text.Append('.').Append(space()).Append(modifier.Name).Append(space())
                    .Append('(').Append(space()).Append(modifier.Value).Append(space()).Append(')').Append(space());
            }

            if (item.Children is { } children)
            {
                text.Append('{');
                RenderSpaced(children, text, space);
                text.Append(space()).Append('}');
            }

            text.Append(space());
        }
    }
}
