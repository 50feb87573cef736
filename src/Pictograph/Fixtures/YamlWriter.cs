using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pictograph.Fixtures;

/// <summary>Writes fixture YAML: block style for items, flow style for small records (likes, events), text quoted whenever plain would read as something else.</summary>
public sealed partial class YamlWriter(TextWriter output)
{
    private readonly Emitter _emitter = new(output, bestIndent: 2, bestWidth: int.MaxValue);

    public void Begin()
    {
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public void End()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
    }

    public void MapStart(bool flow = false) => _emitter.Emit(new MappingStart(null, null, true, flow ? MappingStyle.Flow : MappingStyle.Block));

    public void MapEnd() => _emitter.Emit(new MappingEnd());

    public void ListStart(bool flow = false) => _emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));

    public void ListEnd() => _emitter.Emit(new SequenceEnd());

    public void Key(string name) => Plain(name);

    /// <summary>Text, quoted when plain it would read as a number, a boolean, null or a time.</summary>
    public void Text(string value) =>
        _emitter.Emit(new Scalar(null, null, value, LooksTyped().IsMatch(value) || value.Length == 0 ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));

    public void Plain(string value) => _emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));

    public void Number(long value) => Plain(value.ToString(CultureInfo.InvariantCulture));

    public void Boolean(bool value) => Plain(value ? "true" : "false");

    public void Field(string name, string? value)
    {
        if (value is not null)
        {
            Key(name);
            Text(value);
        }
    }

    public void Field(string name, long? value)
    {
        if (value is { } number)
        {
            Key(name);
            Number(number);
        }
    }

    public void Field(string name, bool? value)
    {
        if (value is { } flag)
        {
            Key(name);
            Boolean(flag);
        }
    }

    public void Texts(string name, IEnumerable<string> values, bool flow = true)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Key(name);
        ListStart(flow);
        list.ForEach(Text);
        ListEnd();
    }

    [GeneratedRegex(@"^([-+]?[0-9.].*|true|false|yes|no|on|off|null|Null|NULL|~|now|True|False|TRUE|FALSE|Yes|No|YES|NO|On|Off|ON|OFF|y|n|Y|N)$", RegexOptions.Singleline)]
    private static partial Regex LooksTyped();
}
