using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>pictograph tokens issue</c>, run as a real process on the seeded data directory.</summary>
[Collection(CliCollection.Name)]
public sealed class TokensCommandTests(CliWorld world)
{
    private static string SingleLine(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(CliWorld.TokenLine(), line);
        return line;
    }

    /// <summary>What the server knows about a token (from its stored row).</summary>
    private Task<TokenInfo> InfoAsync(string token) =>
        world.Server.Services.GetRequiredService<TokenService>().ValidateAsync(token);

    [Fact]
    public async Task Profile_only_token_has_exactly_that_scope()
    {
        var token = SingleLine(await PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", DemoWorld.PersonalUsername, "--scopes", "user_profile"));

        var server = world.Server;
        var profile = await server.GetAsync($"/me?fields=id,username,account_type&access_token={token}");
        var count = await server.GetAsync($"/me?fields=media_count&access_token={token}");
        var media = await server.GetAsync($"/me/media?access_token={token}");
        var info = await InfoAsync(token);

        Assert.True(profile.Status == 200, profile.Body);
        Assert.Equal(DemoWorld.PersonalUsername, profile.Json.GetProperty("username").GetString());
        GraphAssert.Error(count, 403, 10);
        GraphAssert.Error(media, 403, 10);
        Assert.Equal(["user_profile"], info.Scopes);
        Assert.Equal(TokenKind.LongLived, info.Kind);
        Assert.Equal(TokenService.LongLivedLifetime.TotalSeconds, info.ExpiresAt - info.IssuedAt);
        Assert.Equal(TokenFlavour.BasicDisplay, info.Flavour);
    }

    [Fact]
    public async Task The_documented_permission_names_issue_the_same_scopes()
    {
        var token = SingleLine(await PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", DemoWorld.PersonalUsername, "--scopes", "instagram_graph_user_profile,instagram_graph_user_media"));

        var media = await world.Server.GetAsync($"/me/media?fields=id&limit=1&access_token={token}");
        var info = await InfoAsync(token);

        Assert.True(media.Status == 200, media.Body);
        Assert.Equal(["user_media", "user_profile"], info.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(TokenFlavour.BasicDisplay, info.Flavour);
    }

    [Fact]
    public async Task Default_scopes_short_lived_token_acts_for_the_named_user()
    {
        var token = SingleLine(await PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", "example_shop", "--short-lived"));

        var server = world.Server;
        var me = await server.GetAsync($"/me?fields=id,username,account_type,media_count&access_token={token}");
        var media = await server.GetAsync($"/me/media?access_token={token}");
        var info = await InfoAsync(token);
        using var scope = server.Services.CreateScope();
        var shop = await scope.ServiceProvider.GetRequiredService<PictographDb>().Accounts.SingleAsync(a => a.Username == "example_shop");

        Assert.True(me.Status == 200, me.Body);
        Assert.Equal(DemoData.Id(shop.Id), me.Json.GetProperty("id").GetString());
        Assert.Equal("BUSINESS", me.Json.GetProperty("account_type").GetString());
        Assert.Equal(me.Json.GetProperty("media_count").GetInt32(), media.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(shop.Id, info.SubjectId);
        Assert.Equal(["user_media", "user_profile"], info.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(TokenKind.ShortLived, info.Kind);
        Assert.Equal(TokenService.ShortLivedLifetime.TotalSeconds, info.ExpiresAt - info.IssuedAt);
    }

    [Fact]
    public async Task Unknown_user_or_scope_fails_with_a_message()
    {
        // Two independent processes: run side by side.
        var results = await Task.WhenAll(
            PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", "nobody", "--scopes", "user_profile"),
            PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", DemoWorld.PersonalUsername, "--scopes", "user_profile,no_such_scope"),
            PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory, "--user", DemoWorld.PersonalUsername, "--scopes", "user_profile,instagram_basic"));

        foreach (var (result, message) in results.Zip(["No account named 'nobody'", "no_such_scope", "different APIs"]))
        {
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotMatch(CliWorld.TokenLine(), result.StandardOutput);
        }
    }

    [Fact]
    public async Task Missing_user_option_fails()
    {
        var result = await PictographCli.RunAsync("tokens", "issue", "--data-dir", world.DataDirectory);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--user", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }
}
