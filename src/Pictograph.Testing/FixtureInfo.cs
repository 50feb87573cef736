using System.Text.Json.Serialization;

namespace Pictograph.Testing;

/// <summary>What <c>GET /_pictograph/fixture</c> tells about the loaded fixture: its apps, accounts and tokens by key.</summary>
public sealed record FixtureInfo(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("apps")] IReadOnlyList<FixtureApp> Apps,
    [property: JsonPropertyName("accounts")] IReadOnlyList<FixtureAccount> Accounts,
    [property: JsonPropertyName("tokens")] IReadOnlyDictionary<string, string> Tokens);

public sealed record FixtureApp(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("secret")] string Secret);

public sealed record FixtureAccount(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username);
