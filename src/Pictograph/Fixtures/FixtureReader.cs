using System.Globalization;
using Pictograph.Control.Clock;

namespace Pictograph.Fixtures;

/// <summary>Reads typed values out of a <see cref="YamlTree"/>, adding an error (and answering null) for each one that is wrong.</summary>
public sealed class FixtureReader(List<FixtureError> errors)
{
    public List<FixtureError> Errors => errors;

    public void Error(YamlNode node, string path, string reason) => errors.Add(new FixtureError(node.Line, path, reason));

    public MapReader? Map(YamlNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMap map:
                return new MapReader(this, map, path);
            default:
                Error(node, path, "expected a mapping (name: value pairs)");
                return null;
        }
    }

    /// <summary>The items of a list, each with its path; a missing or null value is an empty list.</summary>
    public IEnumerable<(YamlNode Node, string Path)> Items(YamlNode? node, string path)
    {
        switch (node)
        {
            case null:
            case YamlScalar { IsNull: true }:
                yield break;
            case YamlList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    yield return (list.Items[i], $"{path}[{i}]");
                }

                break;
            default:
                Error(node, path, "expected a list");
                break;
        }
    }

    public string? Text(YamlNode? node, string path)
    {
        switch (node)
        {
            case null:
            case YamlScalar { IsNull: true }:
                return null;
            case YamlScalar scalar:
                return scalar.Text;
            default:
                Error(node, path, "expected text");
                return null;
        }
    }

    public long? Integer(YamlNode? node, string path)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (node is YamlScalar { Plain: true } && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node!, path, $"expected a whole number, not '{text}'");
        return null;
    }

    public bool? Boolean(YamlNode? node, string path)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (node is YamlScalar { Plain: true } && text is "true" or "false")
        {
            return text == "true";
        }

        Error(node!, path, $"expected true or false, not '{text}'");
        return null;
    }

    public T? Choice<T>(YamlNode? node, string path, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(node!, path, $"'{text}' is not one of: {string.Join(", ", choices.Keys)}");
        return null;
    }

    /// <summary>
    /// An instant: relative to the clock at load ("-3d", "+1h", "now", "-90s") or absolute (ISO 8601, or Unix
    /// seconds as an unsigned number).
    /// </summary>
    public FixtureTime? Time(YamlNode? node, string path)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        if (text == "now")
        {
            return new FixtureTime(0, Relative: true);
        }

        if (text is ['-' or '+', ..] && Durations.TryParse(text, out var span))
        {
            return new FixtureTime((long)Math.Floor(span.TotalSeconds), Relative: true);
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix <= 253_402_300_799)
        {
            return new FixtureTime(unix, Relative: false);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return new FixtureTime(instant.ToUnixTimeSeconds(), Relative: false);
        }

        Error(node!, path, $"'{text}' is not a time: use a span from now (-3d, -2h, +1w, now) or an instant (2026-06-01T12:00:00Z)");
        return null;
    }

    /// <summary>A list of text values (one value alone counts as a list of one).</summary>
    public List<string> Texts(YamlNode? node, string path)
    {
        if (node is YamlScalar { IsNull: false } single)
        {
            return [single.Text];
        }

        var values = new List<string>();
        foreach (var (item, itemPath) in Items(node, path))
        {
            if (Text(item, itemPath) is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }
}

/// <summary>A mapping being read: each name read is marked, and <see cref="Done"/> reports every name that was not.</summary>
public sealed class MapReader(FixtureReader reader, YamlMap map, string path)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap Node => map;

    public string Path => path;

    public FixtureReader Reader => reader;

    public string At(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public YamlNode? this[string name]
    {
        get
        {
            _read.Add(name);
            foreach (var (key, value) in map.Entries)
            {
                if (key.Text == name)
                {
                    return value is YamlScalar { IsNull: true } ? null : value;
                }
            }

            return null;
        }
    }

    public string? Text(string name, bool required = false)
    {
        var value = reader.Text(this[name], At(name));
        if (required && string.IsNullOrEmpty(value) && this[name] is null or YamlScalar)
        {
            Missing(name);
        }

        return value;
    }

    public void Missing(string name) => reader.Error(map, At(name), $"'{name}' is required");

    public long? Integer(string name) => reader.Integer(this[name], At(name));

    public bool? Boolean(string name) => reader.Boolean(this[name], At(name));

    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        if (required && this[name] is null)
        {
            Missing(name);
        }

        return reader.Choice(this[name], At(name), choices);
    }

    public FixtureTime? Time(string name) => reader.Time(this[name], At(name));

    public List<string> Texts(string name) => reader.Texts(this[name], At(name));

    public IEnumerable<(YamlNode Node, string Path)> Items(string name) => reader.Items(this[name], At(name));

    public MapReader? Map(string name) => reader.Map(this[name], At(name));

    /// <summary>Reports the names nobody asked for: a typo must not be silently ignored.</summary>
    public void Done()
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!_read.Contains(key.Text))
            {
                reader.Error(key, At(key.Text), $"unknown key '{key.Text}'");
            }
        }
    }
}

/// <summary>A fixture's instant: Unix seconds, or seconds from the clock's time at load.</summary>
public readonly record struct FixtureTime(long Seconds, bool Relative)
{
    public long Resolve(long now) => Relative ? now + Seconds : Seconds;
}
