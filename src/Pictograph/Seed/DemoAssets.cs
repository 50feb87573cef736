namespace Pictograph.Seed;

/// <summary>Demo files embedded from Seed/Assets (see Seed/Assets/README.md for how they were made).</summary>
public static class DemoAssets
{
    /// <summary>3 s, 720×1280, 30 fps H.264/AAC MP4 with faststart.</summary>
    public const string Video = "demo.mp4";

    /// <summary>The video's frame at 1.0 s, 720×1280 JPEG.</summary>
    public const string VideoThumbnail = "demo-thumbnail.jpg";

    // Manifest names are RootNamespace + folder path, dotted.
    private const string Prefix = "Pictograph.Seed.Assets.";

    public static byte[] Read(string name)
    {
        using var stream = typeof(DemoAssets).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException($"No embedded demo asset '{name}'.", nameof(name));
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
