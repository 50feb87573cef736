using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Dashboard.DashboardData;

namespace Pictograph.Tests.Dashboard;

/// <summary>The token generator, the token list and revoking from it.</summary>
public sealed class AppTokensTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private PictographServer Server => world.Server;

    private DashboardBrowser Admin => world.Admin;

    private async Task<long> AppWithTesterAsync(string name)
    {
        var appId = await Admin.CreateAppAsync(name);
        await Admin.AddRoleAsync(appId, DemoWorld.PersonalUsername, AppRoleKind.Tester);
        return appId;
    }

    private Task<HtmlResponse> GenerateAsync(long appId, long personId, params string[] scopes) =>
        Admin.SubmitAsync(AppPath(appId, "tokens"), AppPath(appId, "tokens"),
            [("person", DemoData.Id(personId)), .. scopes.Select(s => ("scope", s))]);

    private static string HashPrefix(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];

    [Fact]
    public async Task A_token_generated_for_a_tester_works_is_listed_by_hash_only_and_stops_when_revoked()
    {
        var appId = await AppWithTesterAsync("Token app");

        var generated = await GenerateAsync(appId, Server.Demo.AccountId, Permissions.UserProfile, Permissions.UserMedia);
        var token = generated.TextOf("generated-token");

        Assert.Equal(200, generated.Status);
        Assert.NotNull(token);
        Assert.StartsWith("IGQVJ", token, StringComparison.Ordinal);
        Assert.Contains("it is not shown again", generated.Html, StringComparison.Ordinal);
        var me = await Server.GetAsync($"/me?fields=id,username&access_token={token}");
        Assert.True(me.Status == 200, me.Body);
        Assert.Equal(DemoData.Id(Server.Demo.AccountId), me.Json.GetProperty("id").GetString());
        Assert.Equal(DemoWorld.PersonalUsername, me.Json.GetProperty("username").GetString());
        var info = await Server.Services.GetRequiredService<TokenService>().ValidateAsync(token);
        Assert.Equal(appId, info.AppId);
        Assert.Equal(TokenKind.LongLived, info.Kind);
        Assert.Equal(["user_media", "user_profile"], info.Scopes.Order(StringComparer.Ordinal));

        // The list knows the token by its hash prefix; the text itself is never shown again.
        var list = await Admin.GetAsync(AppPath(appId, "tokens"));
        Assert.DoesNotContain(token, list.Html, StringComparison.Ordinal);
        Assert.Contains($"<code>{HashPrefix(token)}</code>", list.Html, StringComparison.Ordinal);
        Assert.Contains("@jane.doe", list.Html, StringComparison.Ordinal);
        Assert.Contains("Basic Display", list.Html, StringComparison.Ordinal);
        Assert.Contains("user_profile, user_media", list.Html, StringComparison.Ordinal);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var revoked = await Admin.SubmitAsync(AppPath(appId, "tokens"), AppPath(appId, "tokens/revoke"), ("hash", hash));
        var after = await Admin.GetAsync(revoked.Location!);

        Assert.Equal(302, revoked.Status);
        Assert.Contains("Token revoked", after.Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge revoked\">revoked</span>", after.Html, StringComparison.Ordinal);
        Assert.False(after.HasForm(AppPath(appId, "tokens/revoke")));
        GraphAssert.Error(await Server.GetAsync($"/me?fields=id,username&access_token={token}"), 400, 190);
    }

    [Fact]
    public async Task Only_the_apps_own_tokens_can_be_revoked_from_its_page()
    {
        var appId = await AppWithTesterAsync("Someone else's token");
        var demoHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Server.Demo.Token)));

        var csrf = (await Admin.GetAsync(AppPath(appId, "tokens"))).Csrf(AppPath(appId, "tokens"));
        var attempt = await Admin.PostAsync(AppPath(appId, "tokens/revoke"), ("csrf", csrf), ("hash", demoHash));

        Assert.Equal(302, attempt.Status);
        Assert.Contains("already revoked", (await Admin.GetAsync(attempt.Location!)).Html, StringComparison.Ordinal);
        Assert.Equal(200, (await Server.GetAsync($"/me?fields=id&access_token={Server.Demo.Token}")).Status);
    }

    [Fact]
    public async Task The_generator_lists_and_takes_the_documented_basic_display_permission_names()
    {
        var appId = await AppWithTesterAsync("Documented names");

        var page = await Admin.GetAsync(AppPath(appId, "tokens"));
        var generated = await GenerateAsync(appId, Server.Demo.AccountId, "instagram_graph_user_profile", "instagram_graph_user_media");
        var token = generated.TextOf("generated-token");

        Assert.Contains("<code>instagram_graph_user_profile</code>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<code>instagram_graph_user_media</code>", page.Html, StringComparison.Ordinal);
        Assert.Equal(200, generated.Status);
        Assert.NotNull(token);
        var info = await Server.Services.GetRequiredService<TokenService>().ValidateAsync(token);
        Assert.Equal(["user_media", "user_profile"], info.Scopes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { Permissions.UserProfile, Permissions.BusinessBasic }, "one API only")]
    [InlineData(new[] { Permissions.PublicProfile }, "Facebook Login permissions are for Facebook users")]
    [InlineData(new string[0], "Choose at least one permission.")]
    [InlineData(new[] { "no_such_permission" }, "Unknown permission: no_such_permission.")]
    public async Task A_token_needs_permissions_of_one_api_that_fits_the_person(string[] scopes, string message)
    {
        var appId = await AppWithTesterAsync("Picky tokens");

        var refused = await GenerateAsync(appId, Server.Demo.AccountId, scopes);

        Assert.Equal(400, refused.Status);
        Assert.Contains("No token was generated", refused.Html, StringComparison.Ordinal);
        Assert.Contains(message, refused.Html, StringComparison.Ordinal);
        Assert.Null(refused.TextOf("generated-token"));
    }

    [Fact]
    public async Task Tokens_are_only_for_people_with_a_role_on_the_app()
    {
        var appId = await Admin.CreateAppAsync("Role holders only");

        var refused = await GenerateAsync(appId, Server.Account("studio.creator").Id, Permissions.UserProfile);

        Assert.Equal(400, refused.Status);
        Assert.Contains("Choose whom the token is for.", refused.Html, StringComparison.Ordinal);
    }
}
