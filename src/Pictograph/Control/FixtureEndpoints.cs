using Pictograph.Fixtures;

namespace Pictograph.Control;

/// <summary><c>GET /_pictograph/fixture</c>: the loaded fixture's apps, accounts and tokens by key, so a test needs no hard-coded ids.</summary>
public sealed class FixtureEndpoints(CurrentFixture current) : IControlEndpoints
{
    public void Map(RouteGroupBuilder control)
    {
        control.MapGet("/fixture", () => current.Loaded is { } loaded
                ? TypedResults.Ok(new FixtureView(
                    loaded.Name,
                    [.. loaded.Apps.Select(a => new FixtureApp(a.Key, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Secret))],
                    [.. loaded.Accounts.Select(a => new FixtureAccount(a.Key, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Username))],
                    loaded.Tokens))
                : ControlProblems.NotFound("No fixture was loaded: the server was started on a data directory that already held data, or with seeding off."))
            .WithTags("Fixture")
            .WithSummary("The loaded fixture: its name, its apps (id, secret) and accounts (id, username) by key, and its tokens' text by key.");
    }

    public sealed record FixtureView(string? Name, IReadOnlyList<FixtureApp> Apps, IReadOnlyList<FixtureAccount> Accounts, IReadOnlyDictionary<string, string> Tokens);

    /// <summary>Ids are strings, as the Graph API writes them.</summary>
    public sealed record FixtureApp(string Key, string Id, string Secret);

    public sealed record FixtureAccount(string Key, string Id, string Username);
}
