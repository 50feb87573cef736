using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Webhooks;

namespace Pictograph.Tests.Authorization;

/// <summary><c>DELETE /me/permissions</c>: the person's tokens for the app stop working (190/458) and the app is told.</summary>
public sealed class DeauthorizationTests
{
    private const string AllowLoopback = "--Pictograph:OutboundAllowList:0=127.0.0.0/8";
    private static readonly TimeSpan CallbackWait = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a callback that must not come: several times what a loopback POST takes.</summary>
    private static readonly TimeSpan SilenceWait = TimeSpan.FromSeconds(2);

    private static async Task SetCallbackAsync(PictographServer server, string url)
    {
        await server.WriteAsync(async db => (await db.Apps.FindAsync(server.Demo.AppId))!.DeauthorizeCallbackUrl = url);
        server.Services.GetRequiredService<AppDirectory>().Forget(server.Demo.AppId);
    }

    [Fact]
    public async Task Delete_me_permissions_revokes_every_token_of_the_person_for_the_app()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.DeveloperTokenAsync("pages_show_list,instagram_basic");
        var second = await server.DeveloperTokenAsync("public_profile", TokenKind.ShortLived);
        var listing = await server.GetAsync($"/me/accounts?fields=access_token&access_token={token}");
        var pageToken = listing.Json.GetProperty("data")[0].GetProperty("access_token").GetString();
        var someoneElse = server.Demo.Token;

        var response = await server.SendAsync(HttpMethod.Delete, $"/v25.0/me/permissions?access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal("""{"success":true}""", response.Body);
        var revoked = GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 400, 190, 458);
        Assert.Contains(DemoData.Id(server.Demo.AppId), revoked.GetProperty("message").GetString(), StringComparison.Ordinal);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={second}"), 400, 190, 458);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={pageToken}"), 400, 190, 458);
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={someoneElse}")).Status);
    }

    [Fact]
    public async Task Delete_user_id_permissions_and_an_instagram_login_token_work_too()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var facebook = await server.DeveloperTokenAsync("pages_show_list");
        var shop = server.Account("example_shop").Id;
        var instagram = await server.IssueTokenAsync(shop, TokenFlavour.InstagramLogin, "instagram_business_basic");
        var basicDisplay = await server.IssueTokenAsync("example_shop");

        var byId = await server.SendAsync(HttpMethod.Delete, $"/{server.Developer().Id}/permissions?access_token={facebook}");
        var byInstagram = await server.SendAsync(HttpMethod.Post, $"/me/permissions?method=delete&access_token={instagram}");

        Assert.Equal("""{"success":true}""", byId.Body);
        Assert.Equal("""{"success":true}""", byInstagram.Body);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={facebook}"), 400, 190, 458);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={instagram}"), 400, 190, 458);
        // The account's Basic Display token belongs to the same app, so it goes too.
        GraphAssert.Error(await server.GetAsync($"/me?access_token={basicDisplay}"), 400, 190, 458);
    }

    [Fact]
    public async Task Nobody_else_can_be_deauthorized()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.DeveloperTokenAsync("pages_show_list");

        var response = await server.SendAsync(HttpMethod.Delete, $"/{server.Demo.AccountId}/permissions?access_token={token}");
        var page = await server.SendAsync(HttpMethod.Delete, $"/{server.PageOf("example_shop").Id}/permissions?access_token={token}");

        GraphAssert.Error(response, 400, 100, 33);
        GraphAssert.Error(page, 400, 100, 33);
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={server.Demo.Token}")).Status);
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={token}")).Status);
    }

    [Fact]
    public async Task Revoking_a_single_permission_is_refused_and_revokes_nothing()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.DeveloperTokenAsync("pages_show_list,email");

        var response = await server.SendAsync(HttpMethod.Delete, $"/me/permissions?permission=email&access_token={token}");

        GraphAssert.Error(response, 400, 100);
        Assert.Equal(200, (await server.GetAsync($"/me?access_token={token}")).Status);
    }

    [Fact]
    public async Task The_deauthorize_callback_gets_a_signed_request_naming_the_user()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var own = await OwnServer.StartAsync(AllowLoopback);
        var server = own.Server;
        await SetCallbackAsync(server, receiver.Url);
        var token = await server.DeveloperTokenAsync("pages_show_list");

        var response = await server.SendAsync(HttpMethod.Delete, $"/me/permissions?access_token={token}");
        var signedRequest = await receiver.NextAsync(CallbackWait);

        Assert.Equal("""{"success":true}""", response.Body);
        Assert.NotNull(signedRequest);
        using var payload = SignedRequest.Parse(server.Demo.AppSecret, signedRequest);
        Assert.NotNull(payload);
        Assert.Equal(server.Developer().Id.ToString(CultureInfo.InvariantCulture), payload.RootElement.GetProperty("user_id").GetString());
        Assert.Equal(server.Clock.GetUtcNow().ToUnixTimeSeconds(), payload.RootElement.GetProperty("issued_at").GetInt64());
        Assert.Equal("HMAC-SHA256", payload.RootElement.GetProperty("algorithm").GetString());
        Assert.Null(SignedRequest.Parse("another-secret", signedRequest));
    }

    [Fact]
    public async Task A_failed_callback_is_a_durable_job_tried_again_later_with_the_same_signed_request()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1);
        await using var own = await OwnServer.StartAsync(AllowLoopback);
        var server = own.Server;
        await SetCallbackAsync(server, receiver.Url);
        var token = await server.DeveloperTokenAsync("pages_show_list");

        await server.SendAsync(HttpMethod.Delete, $"/me/permissions?access_token={token}");
        var first = await receiver.NextAsync(CallbackWait);
        // The failure is on record (and the retry scheduled from the clock's time) once the job carries its error.
        var queued = server.Read(db => db.Jobs.Single(j => j.Kind == Deauthorization.JobKind));
        for (var waited = 0; queued.LastError is null && waited < 200; waited++)
        {
            await Task.Delay(50);
            queued = server.Read(db => db.Jobs.Single(j => j.Kind == Deauthorization.JobKind));
        }

        // The first retry is due 30 s after the failure.
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await receiver.NextAsync(CallbackWait);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.StartsWith("signed_request=", first.Text, StringComparison.Ordinal);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("application/x-www-form-urlencoded", second.ContentType);
        Assert.Equal(JobState.Pending, queued.State);
        Assert.Equal("HTTP 500", queued.LastError);
    }

    [Fact]
    public async Task Without_the_allow_list_no_callback_goes_to_a_loopback_address()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        await SetCallbackAsync(server, receiver.Url);
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername);

        var response = await server.SendAsync(HttpMethod.Delete, $"/me/permissions?access_token={token}");

        Assert.Equal("""{"success":true}""", response.Body);
        GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 400, 190, 458);
        Assert.Null(await receiver.NextAsync(SilenceWait));
    }
}
