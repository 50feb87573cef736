using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>pictograph apps create | list | show</c> and <c>tokens revoke</c>, run as real processes on the seeded data directory.</summary>
[Collection(CliCollection.Name)]
public sealed partial class AppsCommandTests(CliWorld world)
{
    [GeneratedRegex(@"^App id:\s+(\d+)$", RegexOptions.Multiline)]
    private static partial Regex AppIdLine();

    [GeneratedRegex(@"^App secret:\s+([0-9a-f]{32})$", RegexOptions.Multiline)]
    private static partial Regex AppSecretLine();

    private Task<CliResult> RunAsync(params string[] args) => PictographCli.RunAsync([.. args, "--data-dir", world.DataDirectory]);

    private App StoredApp(long appId)
    {
        using var scope = world.Server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PictographDb>().Apps.AsNoTracking().Single(a => a.Id == appId);
    }

    [Fact]
    public async Task Create_prints_an_id_and_secret_that_work_and_list_and_show_describe_the_app()
    {
        var created = await RunAsync("apps", "create", "--name", "CLI app", "--redirect-uri", "https://cli.example.com/cb", "--redirect-uri", "https://cli.example.com",
            "--mode", "live", "--admin", DemoWorld.DeveloperEmail);

        Assert.True(created.ExitCode == 0, created.ToString());
        var appId = long.Parse(AppIdLine().Match(created.StandardOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var secret = AppSecretLine().Match(created.StandardOutput).Groups[1].Value;
        var app = StoredApp(appId);
        Assert.Equal(secret, world.Server.Services.SecretOf(app));
        Assert.Equal(AppMode.Live, app.Mode);
        Assert.Equal(["https://cli.example.com/cb", "https://cli.example.com/"], app.RedirectUriList);
        var appToken = await world.Server.GetAsync($"/oauth/access_token?grant_type=client_credentials&client_id={appId}&client_secret={secret}");
        Assert.True(appToken.Status == 200, appToken.Body);

        var (list, show) = (await RunAsync("apps", "list"), await RunAsync("apps", "show", "--app", DemoData.Id(appId)));

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches($@"(?m)^{appId}\s+Live\s+CLI app$", list.StandardOutput);
        Assert.Contains(DemoWorld.AppName, list.StandardOutput, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.ToString());
        foreach (var line in new[] { "Name:                   CLI app", $"App secret:             {secret}", "Mode:                   Live", "  https://cli.example.com/cb", "  https://cli.example.com/" })
        {
            Assert.Contains(line, show.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Matches($@"(?m)^  Administrator\s+Dev Eloper <{Regex.Escape(DemoWorld.DeveloperEmail)}>$", show.StandardOutput);
    }

    [Fact]
    public async Task Create_without_options_makes_a_development_app_without_roles()
    {
        var created = await RunAsync("apps", "create", "--name", "Bare app");

        Assert.True(created.ExitCode == 0, created.ToString());
        var appId = long.Parse(AppIdLine().Match(created.StandardOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var app = StoredApp(appId);
        Assert.Equal(AppMode.Development, app.Mode);
        Assert.Empty(app.RedirectUriList);
        var show = await RunAsync("apps", "show", "--app", DemoData.Id(appId));
        Assert.Contains("Redirect URIs: (none)", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Roles: (none)", show.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_fails_with_a_message_and_creates_nothing()
    {
        using var scope = world.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        var appsBefore = await db.Apps.CountAsync();

        // Independent processes: run side by side.
        var results = await Task.WhenAll(
            RunAsync("apps", "create", "--name", "Bad redirect", "--redirect-uri", "https://example.com/cb#fragment"),
            RunAsync("apps", "create", "--name", "Bad redirect", "--redirect-uri", "/relative"),
            RunAsync("apps", "create", "--name", "Bad admin", "--admin", "nobody@example.com"),
            RunAsync("apps", "create", "--name", "Bad mode", "--mode", "production"),
            RunAsync("apps", "create", "--name", " "),
            RunAsync("apps", "create"),
            RunAsync("apps", "show", "--app", "123"),
            RunAsync("apps", "show"));

        string[] messages =
        [
            "cannot have a fragment", "not an absolute http:// or https:// URL", "No Facebook user with the email 'nobody@example.com'",
            "'production'", "An app needs a name.", "--name", "No app with id 123", "--app",
        ];
        foreach (var (result, message) in results.Zip(messages))
        {
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotMatch(AppSecretLine(), result.StandardOutput);
        }

        Assert.Equal(appsBefore, await db.Apps.CountAsync());
    }

    [Fact]
    public async Task Tokens_revoke_says_whether_it_revoked_and_the_token_then_fails()
    {
        var issued = await RunAsync("tokens", "issue", "--user", DemoWorld.PersonalUsername, "--scopes", "user_profile");
        var token = issued.StandardOutput.Trim();
        // Used first, so the running server has looked it up (and keeps the lookup) before another process revokes it.
        Assert.Equal(200, (await world.Server.GetAsync($"/me?fields=id&access_token={token}")).Status);
        Assert.Equal(200, (await world.Server.GetAsync($"/me?fields=id,username&access_token={token}")).Status);

        // Independent processes: run side by side.
        var results = await Task.WhenAll(
            RunAsync("tokens", "revoke", "--token", token),
            RunAsync("tokens", "revoke", "--token", "IGQVJ" + new string('x', 43)),
            RunAsync("tokens", "revoke", "--token", "1234|secret"));
        var (revoked, unknown, appToken) = (results[0], results[1], results[2]);
        var again = await RunAsync("tokens", "revoke", "--token", token);

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal("Revoked.", revoked.StandardOutput.Trim());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("Not revoked: the token was already revoked.", again.StandardOutput.Trim());
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("No such token", unknown.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, appToken.ExitCode);
        Assert.Contains("reset the app secret", appToken.StandardError, StringComparison.Ordinal);
        // The next request, reads and writes alike, sees the revocation: no cached lookup outlives a commit.
        GraphAssert.Error(await world.Server.GetAsync($"/me?fields=id&access_token={token}"), 400, 190, 467);
        GraphAssert.Error(await world.Server.GetAsync($"/me?fields=id,username&access_token={token}"), 400, 190, 467);
    }

    [Theory]
    [InlineData("apps", "create", "list", "show")]
    [InlineData("apps create", "--name", "--redirect-uri", "--admin")]
    [InlineData("apps list", "--data-dir", null, null)]
    [InlineData("apps show", "--app", "--data-dir", null)]
    [InlineData("tokens revoke", "--token", "--data-dir", null)]
    public async Task Help_prints_usage_and_exits_0(string command, string mentions, string? alsoMentions, string? andMentions)
    {
        var result = await PictographCli.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        foreach (var text in new[] { mentions, alsoMentions, andMentions }.OfType<string>())
        {
            Assert.Contains(text, result.StandardOutput, StringComparison.Ordinal);
        }
    }
}
