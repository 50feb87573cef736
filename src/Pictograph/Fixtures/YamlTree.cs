using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pictograph.Fixtures;

/// <summary>A parsed YAML (or JSON) value with the line it starts on, so every error can name its place.</summary>
public abstract record YamlNode(int Line);

/// <summary>A scalar; <see cref="Plain"/> is false for quoted text, which is never a number, a boolean or null.</summary>
public sealed record YamlScalar(int Line, string Text, bool Plain) : YamlNode(Line)
{
    public bool IsNull => Plain && Text is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YamlList(int Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);

public sealed record YamlMap(int Line, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Line);

/// <summary>
/// Builds the tree from YamlDotNet's event parser rather than its object model, which throws at the first
/// duplicate key: here a duplicate is one more error in the list, with its line.
/// </summary>
public static class YamlTree
{
    /// <summary>Far deeper than any fixture needs (the format itself nests about five levels).</summary>
    public const int MaxDepth = 64;

    public static YamlNode? Parse(string text, List<FixtureError> errors)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var root = Read(parser, anchors, errors, "", depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new FixtureError((int)(parser.Current?.Start.Line ?? 0), "", "only one YAML document is allowed in a fixture"));
            }

            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new FixtureError((int)e.Start.Line, "", $"not valid YAML or JSON: {e.Message}"));
            return null;
        }
        // YamlDotNet throws these instead of a YamlException for some malformed text (found by fuzzing): its scanner
        // for a flow list left open before a line indented less ("a: [b" then "c: d"), its parser for a bad tag.
        catch (InvalidOperationException)
        {
            errors.Add(new FixtureError(LineOf(parser), "", "not valid YAML or JSON: a [ or { is not closed where the text goes on"));
            return null;
        }
        catch (ArgumentException)
        {
            errors.Add(new FixtureError(LineOf(parser), "", "not valid YAML or JSON: a tag (!name or !<uri>) is not valid"));
            return null;
        }
    }

    private static int LineOf(Parser parser) => (int)(parser.Current?.Start.Line ?? 0);

    private static YamlNode Read(IParser parser, Dictionary<string, YamlNode> anchors, List<FixtureError> errors, string path, int depth)
    {
        var line = (int)(parser.Current?.Start.Line ?? 0);
        if (depth > MaxDepth && parser.Current is { } current)
        {
            // Each level is a frame of this recursion: fifty thousand "[" overflowed the stack (found by fuzzing).
            throw new YamlException(current.Start, current.End, $"lists and mappings nest deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            errors.Add(new FixtureError(line, path, $"unknown anchor '*{alias.Value.Value}'"));
            return new YamlScalar(line, "", Plain: true);
        }

        YamlNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new YamlScalar(line, scalar.Value, scalar.Style == ScalarStyle.Plain);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Read(parser, anchors, errors, $"{path}[{items.Count}]", depth + 1));
            }

            node = new YamlList(line, items);
        }
        else
        {
            var mapping = parser.Consume<MappingStart>();
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyLine = (int)(parser.Current?.Start.Line ?? 0);
                if (Read(parser, anchors, errors, path, depth + 1) is not YamlScalar key)
                {
                    errors.Add(new FixtureError(keyLine, path, "a mapping key must be a plain name"));
                    Read(parser, anchors, errors, path, depth + 1);
                    continue;
                }

                var childPath = path.Length == 0 ? key.Text : $"{path}.{key.Text}";
                var value = Read(parser, anchors, errors, childPath, depth + 1);
                if (!seen.Add(key.Text))
                {
                    errors.Add(new FixtureError(key.Line, childPath, $"duplicate key '{key.Text}'"));
                    continue;
                }

                entries.Add(new(key, value));
            }

            node = new YamlMap(line, entries);
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }
}
