using System.CommandLine;
using Pictograph.Fixtures;

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

    public static Option<FileInfo?> Fixture() => new("--fixture")
    {
        Description = "A fixture file (YAML or JSON; see docs/fixtures.md) to load into an empty data directory instead of the demo world.",
    };

    /// <summary>Reads the <c>--fixture</c> file, if one was named; false (with the reason printed) when it cannot be read.</summary>
    public static bool TryReadFixture(ParseResult result, Option<FileInfo?> option, out FixtureSource? source)
    {
        source = null;
        if (result.GetValue(option) is not { } file)
        {
            return true;
        }

        try
        {
            source = FixtureSource.FromFile(file.FullName);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read the fixture {file.FullName}: {e.Message}");
            return false;
        }
    }

    public static string Refused(FixtureSource source, FixtureException e) => $"{source.Origin}: nothing loaded. {e.Message}";

    /// <summary>What a loaded fixture gave, by key, for a developer to paste into a test.</summary>
    public static void PrintFixture(LoadedFixture loaded, FixtureSource source)
    {
        Console.WriteLine($"Loaded the fixture {(loaded.Name is { } name ? $"'{name}' " : "")}from {source.Origin}.");
        foreach (var app in loaded.Apps)
        {
            Console.WriteLine($"  app {app.Key}: id {app.Id}, secret {app.Secret}");
        }

        foreach (var account in loaded.Accounts)
        {
            Console.WriteLine($"  account {account.Key}: id {account.Id}, username {account.Username}");
        }

        foreach (var (key, token) in loaded.Tokens)
        {
            Console.WriteLine($"  token {key}: {token}");
        }
    }
}
