using Pictograph.Fixtures;

namespace Pictograph.Seed;

/// <summary>
/// The demo world: the shipped default fixture (Seed/Assets/demo.yaml, with its photos embedded), loaded into
/// an empty database. The names here are the ones its file uses, for the messages and tests that mention them.
/// </summary>
public sealed class DemoWorld(FixtureLoader loader)
{
    public const string AppName = "Pictograph Demo";
    public const string PersonalUsername = "jane.doe";

    /// <summary>Every demo person signs in with this password (Instagram accounts and the Facebook user).</summary>
    public const string DemoPassword = "pictograph";

    public const string DeveloperEmail = "dev@example.com";
    public const string DemoRedirectUri = "http://localhost:3000/auth/callback";

    /// <summary>The fixture's key of the app and of jane.doe's Basic Display token.</summary>
    private const string AppKey = "demo";
    private const string TokenKey = "jane";

    public sealed record Summary(long AppId, string AppSecret, string Username, long AccountId, string Token);

    public async Task<Summary?> SeedIfEmptyAsync(CancellationToken cancellationToken = default) =>
        await loader.IsEmptyAsync(cancellationToken).ConfigureAwait(false)
            ? Describe(await loader.LoadAsync(FixtureSource.Default, cancellationToken).ConfigureAwait(false))
            : null;

    /// <summary>The summary of a loaded fixture: its first app, and the account of its first token (the demo's: app "demo", token "jane").</summary>
    public static Summary? Describe(LoadedFixture fixture)
    {
        var app = fixture.Apps.FirstOrDefault(a => a.Key == AppKey) ?? fixture.Apps.FirstOrDefault();
        var tokenKey = fixture.Tokens.ContainsKey(TokenKey) ? TokenKey : fixture.Tokens.Keys.FirstOrDefault();
        var token = tokenKey is null ? null : fixture.Tokens[tokenKey];
        var account = tokenKey is null ? null : fixture.Accounts.FirstOrDefault(a => a.Key == fixture.TokenSubjects.GetValueOrDefault(tokenKey));
        return app is null || account is null || token is null ? null : new Summary(app.Id, app.Secret, account.Username, account.Id, token);
    }
}
