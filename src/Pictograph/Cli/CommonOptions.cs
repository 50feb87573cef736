using System.CommandLine;

namespace Pictograph.Cli;

/// <summary>Options every command shares, turned into configuration overrides for the host.</summary>
internal static class CommonOptions
{
    public static Option<string?> DataDirectory() => new("--data-dir")
    {
        Description = "Folder for the SQLite database, media files and the server secret (default: ./data).",
    };

    /// <summary>Host arguments: the configuration overrides, with the user's own --Key=value pairs passed through.</summary>
    public static string[] HostArgs(ParseResult result, Option<string?> dataDirectory, params string[] extra)
    {
        var args = new List<string>(extra);
        if (result.GetValue(dataDirectory) is { Length: > 0 } dir)
        {
            args.Add($"--Pictograph:DataDirectory={dir}");
        }

        args.AddRange(result.UnmatchedTokens);
        return [.. args];
    }
}
