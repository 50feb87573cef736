using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>Codes and tokens from the dialog over time, on servers of their own with a clock the test moves.</summary>
public sealed class TokenLifetimeTests
{
    private static async Task<string> CodeAsync(PictographServer server, string scope, string path = InstagramPath, string login = DemoWorld.PersonalUsername)
    {
        using var browser = new DialogBrowser(server);
        return (await browser.AuthorizeAsync(DialogUrl(server.Demo.AppId, scope, path: path), login)).LocationQuery["code"];
    }

    [Fact]
    public async Task A_code_expires_after_one_hour()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var early = await CodeAsync(server, "user_profile");
        var late = await CodeAsync(server, "user_profile");

        server.Clock.Advance(TimeSpan.FromMinutes(59));
        AccessToken(await server.ExchangeCodeAsync(early));

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("This authorization code has expired.", InstagramError(await server.ExchangeCodeAsync(late)));
    }

    [Fact]
    public async Task Short_lived_to_long_lived_then_refreshed_once_a_day_old()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var secret = server.Demo.AppSecret;
        var shortLived = AccessToken(await server.ExchangeCodeAsync(await CodeAsync(server, "user_profile,user_media")));

        var exchanged = await server.GetAsync($"/access_token?grant_type=ig_exchange_token&client_secret={secret}&access_token={shortLived}");
        var longLived = AccessToken(exchanged);
        Assert.Equal("bearer", exchanged.Json.GetProperty("token_type").GetString());
        Assert.Equal((long)TimeSpan.FromDays(60).TotalSeconds, exchanged.Json.GetProperty("expires_in").GetInt64());
        Assert.Equal(200, (await server.GetAsync($"/me?fields=id,username&access_token={longLived}")).Status);

        var wrongSecret = await server.GetAsync($"/access_token?grant_type=ig_exchange_token&client_secret={new string('0', 32)}&access_token={shortLived}");
        GraphAssert.Error(wrongSecret, 400, 101);

        server.Clock.Advance(TimeSpan.FromHours(23));
        var tooEarly = await server.GetAsync($"/refresh_access_token?grant_type=ig_refresh_token&access_token={longLived}");
        GraphAssert.Error(tooEarly, 400, 100);

        server.Clock.Advance(TimeSpan.FromHours(1));
        var refreshed = await server.GetAsync($"/refresh_access_token?grant_type=ig_refresh_token&access_token={longLived}");
        var renewed = AccessToken(refreshed);
        Assert.Equal("user_media,user_profile", refreshed.Json.GetProperty("permissions").GetString());
        var me = await server.GetAsync($"/me?fields=id,username&access_token={renewed}");
        Assert.Equal(DemoWorld.PersonalUsername, me.Json.GetProperty("username").GetString());

        // The short-lived token has long expired by now.
        GraphAssert.Error(await server.GetAsync($"/me?access_token={shortLived}"), 400, 190, 463);
    }

    [Fact]
    public async Task A_facebook_token_from_the_dialog_exchanges_for_a_long_lived_one()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var shortLived = AccessToken(await server.ExchangeCodeAsync(await CodeAsync(server, "instagram_basic", FacebookPath, DemoWorld.DeveloperEmail)));

        var exchanged = await server.GetAsync(
            $"/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id={server.Demo.AppId}&client_secret={server.Demo.AppSecret}&fb_exchange_token={shortLived}");

        var longLived = AccessToken(exchanged);
        Assert.NotEqual(shortLived, longLived);
        Assert.Equal((long)TimeSpan.FromDays(60).TotalSeconds, exchanged.Json.GetProperty("expires_in").GetInt64());
        server.Clock.Advance(TimeSpan.FromDays(30));
        var data = await server.DebugTokenAsync(longLived);
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Equal(DemoData.Id(server.Developer().Id), data.GetProperty("user_id").GetString());
        Assert.Equal(["instagram_basic", "public_profile"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }
}
