using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Authorization;

/// <summary>A password change ends every session of the person: their tokens answer 190/460 from then on.</summary>
public sealed class PasswordChangeTests
{
    private const string NewPassword = "correct horse battery";

    [Fact]
    public async Task Changing_an_instagram_accounts_password_revokes_its_tokens_in_every_flavour()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var shop = server.Account("example_shop").Id;
        var basicDisplay = await server.IssueTokenAsync("example_shop");
        var instagramLogin = await server.IssueTokenAsync(shop, TokenFlavour.InstagramLogin, "instagram_business_basic");
        var facebook = await server.DeveloperTokenAsync("pages_show_list,instagram_basic");

        var change = await server.Services.GetRequiredService<PasswordChanges>().SetAsync("example_shop", NewPassword);

        Assert.Equal(new PasswordChange("Instagram account", shop, 2), change);
        Assert.True(Passwords.Verify(server.Account("example_shop").PasswordHash, NewPassword));
        Assert.False(Passwords.Verify(server.Account("example_shop").PasswordHash, DemoWorld.DemoPassword));
        GraphAssert.Error(await server.GetAsync($"/me?access_token={basicDisplay}"), 400, 190, 460);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={instagramLogin}"), 400, 190, 460);
        // The Facebook user who manages the linked Page changed nothing.
        Assert.Equal(200, (await server.GetAsync($"/{shop}?fields=id&access_token={facebook}")).Status);
    }

    [Fact]
    public async Task Changing_a_facebook_users_password_revokes_their_user_and_page_tokens()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.DeveloperTokenAsync("pages_show_list");
        var listing = await server.GetAsync($"/me/accounts?fields=access_token&access_token={token}");
        var pageTokens = listing.Json.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("access_token").GetString()).ToList();

        var change = await server.Services.GetRequiredService<PasswordChanges>().SetAsync(DemoWorld.DeveloperEmail, NewPassword);

        Assert.Equal(new PasswordChange("Facebook user", server.Developer().Id, 1 + pageTokens.Count), change);
        Assert.True(Passwords.Verify(server.Developer().PasswordHash, NewPassword));
        var error = GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 400, 190, 460);
        Assert.Contains("changed their password", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var pageToken in pageTokens)
        {
            GraphAssert.Error(await server.GetAsync($"/me?access_token={pageToken}"), 400, 190, 460);
        }
    }

    [Fact]
    public async Task Unknown_people_and_short_passwords_change_nothing()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var changes = server.Services.GetRequiredService<PasswordChanges>();
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername);

        Assert.Null(await changes.SetAsync("nobody", NewPassword));
        await Assert.ThrowsAsync<ArgumentException>(() => changes.SetAsync(DemoWorld.PersonalUsername, "12345"));
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={token}")).Status);
        Assert.True(Passwords.Verify(server.Account(DemoWorld.PersonalUsername).PasswordHash, DemoWorld.DemoPassword));
    }

    [Fact]
    public async Task The_cli_sets_a_password_and_the_old_tokens_stop_working()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.IssueTokenAsync("studio.creator");
        var other = await server.IssueTokenAsync(DemoWorld.PersonalUsername);
        // Used first: the running server has looked it up before the other process ends it.
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={token}")).Status);

        var result = await PictographCli.RunAsync("accounts", "set-password", "--data-dir", server.DataDirectory, "--user", "studio.creator", "--password", NewPassword);
        var unknown = await PictographCli.RunAsync("accounts", "set-password", "--data-dir", server.DataDirectory, "--user", "nobody", "--password", NewPassword);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("studio.creator", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 token", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(Passwords.Verify(server.Account("studio.creator").PasswordHash, NewPassword));
        GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 400, 190, 460);
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={other}")).Status);
        Assert.True(unknown.ExitCode != 0, unknown.ToString());
        Assert.Contains("nobody", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_lists_accounts_and_facebook_users()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;

        var result = await PictographCli.RunAsync("accounts", "list", "--data-dir", server.DataDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var expected in new[] { DemoWorld.PersonalUsername, "example_shop", "studio.creator", "MEDIA_CREATOR", DemoWorld.DeveloperEmail, server.PageOf("example_shop").Name })
        {
            Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
        }
    }
}
