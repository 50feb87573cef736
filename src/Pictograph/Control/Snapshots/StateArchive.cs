namespace Pictograph.Control.Snapshots;

/// <summary>
/// The snapshot archive's layout (a zip file): <c>manifest.json</c>, one <c>tables/{table}.json</c> per table
/// (<c>{"columns":[…],"rows":[[…],…]}</c>, values at the provider's level: numbers, strings, base64 bytes),
/// and the media files under <c>media/{key}</c>. Nothing in it is specific to a database provider.
/// </summary>
public static class StateArchive
{
    /// <summary>Raised when the layout changes; a server refuses archives newer than the format it reads.</summary>
    public const int FormatVersion = 1;

    public const string ManifestEntry = "manifest.json";
    public const string TablesFolder = "tables/";
    public const string MediaFolder = "media/";

    /// <summary>The archive's description; <see cref="Schema"/> is the last migration the database had.</summary>
    public sealed record Manifest(int Format, string CreatedAt, string Schema, IReadOnlyDictionary<string, long> Rows, long MediaFiles, long MediaBytes);
}
