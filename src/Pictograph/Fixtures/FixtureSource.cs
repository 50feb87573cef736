using System.Reflection;

namespace Pictograph.Fixtures;

/// <summary>A fixture's text and the files it names by relative path (a folder on disk, or resources embedded in the server).</summary>
public sealed class FixtureSource
{
    private const string DefaultFolder = "Pictograph.Seed.Assets.";
    private readonly Func<string, byte[]?> _read;

    private FixtureSource(string text, string origin, Func<string, byte[]?> read)
    {
        Text = text;
        Origin = origin;
        _read = read;
    }

    public string Text { get; }

    /// <summary>Where it came from, for messages: a file's path or "the demo world".</summary>
    public string Origin { get; }

    /// <summary>The bytes of a file named in the fixture, or null when there is none.</summary>
    public byte[]? Read(string path) => path.Length == 0 ? null : _read(path);

    /// <summary>The shipped default fixture: the demo world, with its photos and video embedded in the server.</summary>
    public static FixtureSource Default { get; } = FromAssembly("demo.yaml", "the demo world");

    public static FixtureSource FromFile(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        return new FixtureSource(File.ReadAllText(full), full, relative =>
        {
            var file = Path.GetFullPath(Path.Combine(folder, relative));
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        });
    }

    public static FixtureSource FromText(string text, string folder) =>
        new(text, "the request", relative =>
        {
            var file = Path.GetFullPath(Path.Combine(folder, relative));
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        });

    private static FixtureSource FromAssembly(string name, string origin)
    {
        var text = ReadResource(name) ?? throw new InvalidOperationException($"The server was built without its default fixture '{name}'.");
        return new FixtureSource(System.Text.Encoding.UTF8.GetString(text), origin, ReadResource);
    }

    // Manifest names are the root namespace and the folder path, dotted.
    private static byte[]? ReadResource(string relative)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultFolder + relative.Replace('/', '.'));
        if (stream is null)
        {
            return null;
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
