using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Fields;

/// <summary>
/// Parses the <c>fields</c> grammar:
/// <code>
/// fields   := item ("," item)*
/// item     := name modifier* ("{" fields "}")?
/// modifier := "." name "(" value ")"
/// </code>
/// Whitespace between tokens is ignored. An alias (<c>.as(x)</c>) becomes a JSON key, so it must be a name as
/// Meta's are: <c>[A-Za-z_][A-Za-z0-9_]*</c>. Every failure is a <see cref="GraphException"/> (code 100,
/// or 2500 for a repeated field as the real API answers), never another exception.
/// </summary>
public static class FieldsParser
{
    public const int MaxLength = 8192;
    public const int MaxDepth = 8;

    public static FieldSelection Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw GraphErrors.Syntax($"the fields parameter is longer than {MaxLength} characters");
        }

        var parser = new Cursor(text);
        var selection = parser.ParseList(depth: 0);
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected \"{parser.CurrentText}\"");
        }

        return selection;
    }

    private sealed class Cursor(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public char Current => text[_at];

        /// <summary>The character at the cursor for messages: a whole surrogate pair when it starts one.</summary>
        public string CurrentText => text.Substring(_at, char.IsSurrogatePair(text, _at) ? 2 : 1);

        public FieldSelection ParseList(int depth)
        {
            if (depth >= MaxDepth)
            {
                throw Error($"fields are nested deeper than {MaxDepth} levels");
            }

            var items = new List<FieldRequest>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                var start = _at;
                var item = ParseItem(depth);
                if (!seen.Add(item.OutputName))
                {
                    throw GraphErrors.DuplicateField(item.OutputName, start, text);
                }

                items.Add(item);
                SkipSpace();
                if (AtEnd || Current != ',')
                {
                    return new FieldSelection(items);
                }

                _at++;
            }
        }

        private FieldRequest ParseItem(int depth)
        {
            var position = _at;
            var name = ParseName("a field name");
            var modifiers = new List<FieldModifier>();
            SkipSpace();
            while (!AtEnd && Current == '.')
            {
                _at++;
                SkipSpace();
                var modifier = ParseName("a modifier name");
                SkipSpace();
                Expect('(');
                var close = text.IndexOf(')', _at);
                if (close < 0)
                {
                    throw Error($"the modifier .{modifier}( is not closed by \")\"");
                }

                var value = text[_at..close].Trim();
                if (modifier == "as" && !IsAlias(value))
                {
                    throw Error($"the alias \"{GraphErrors.Excerpt(value, 40)}\" is not a name (letters, digits and underscores, not starting with a digit)");
                }

                modifiers.Add(new FieldModifier(modifier, value));
                _at = close + 1;
                SkipSpace();
            }

            FieldSelection? children = null;
            if (!AtEnd && Current == '{')
            {
                _at++;
                children = ParseList(depth + 1);
                SkipSpace();
                Expect('}');
            }

            return new FieldRequest(name, modifiers, children, position);
        }

        private string ParseName(string what)
        {
            var start = _at;
            while (!AtEnd && IsNameChar(Current))
            {
                _at++;
            }

            if (_at == start)
            {
                throw AtEnd ? Error($"expected {what} at the end") : Error($"expected {what} instead of \"{CurrentText}\"");
            }

            return text[start.._at];
        }

        private void Expect(char c)
        {
            if (AtEnd)
            {
                throw Error($"expected \"{c}\" at the end");
            }

            if (Current != c)
            {
                throw Error($"expected \"{c}\" instead of \"{CurrentText}\"");
            }

            _at++;
        }

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
            {
                _at++;
            }
        }

        public GraphException Error(string message) => GraphErrors.Syntax($"{message} at character {_at}: {Excerpt()}");

        private string Excerpt() => GraphErrors.Excerpt(text, 200);

        private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

        private static bool IsAlias(string value) => value.Length > 0 && !char.IsAsciiDigit(value[0]) && value.All(IsNameChar);
    }
}
