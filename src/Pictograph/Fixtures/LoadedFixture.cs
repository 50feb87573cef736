namespace Pictograph.Fixtures;

/// <summary>What a loaded fixture gave: its apps, accounts and the tokens whose text it named, by key (GET /_pictograph/fixture).</summary>
/// <param name="TokenSubjects">Each token's key and the key of whom it acts for.</param>
public sealed record LoadedFixture(
    string? Name, IReadOnlyList<LoadedApp> Apps, IReadOnlyList<LoadedAccount> Accounts, IReadOnlyDictionary<string, string> Tokens, IReadOnlyDictionary<string, string> TokenSubjects);

public sealed record LoadedApp(string Key, long Id, string Secret);

public sealed record LoadedAccount(string Key, long Id, string Username);

/// <summary>The fixture this server loaded (or found already loaded), for the control API.</summary>
public sealed class CurrentFixture
{
    private LoadedFixture? _loaded;

    public LoadedFixture? Loaded
    {
        get => Volatile.Read(ref _loaded);
        set => Volatile.Write(ref _loaded, value);
    }
}
