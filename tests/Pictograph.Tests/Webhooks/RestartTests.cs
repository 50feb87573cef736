using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary>Deliveries live in the database: one left pending when the server stops is sent by the next server on the same data directory.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = PictographCli.NewDataDirectory();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        PictographCli.DeleteDataDirectory(_dataDirectory);
        return Task.CompletedTask;
    }

    private async Task<WebApplication> StartAsync(bool runJobs)
    {
        var app = PictographApp.Build(
            ["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={_dataDirectory}", "--Logging:LogLevel:Default=Warning", WebhookWorld.AllowLoopback, $"--Pictograph:RunJobs={runJobs}"],
            builder => builder.Services.AddSingleton(new Pictograph.Control.Clock.ControlClock(new FakeTimeProvider(PictographServer.Start))));
        await PictographApp.PrepareAsync(app.Services, seedDemo: true);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_pending_delivery_is_sent_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        long deliveryId;
        await using (var first = await StartAsync(runJobs: false))
        {
            using var client = new HttpClient { BaseAddress = new Uri(first.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            var (appId, secret, shop, mediaId) = World(first);
            var (token, _) = await first.Services.GetRequiredService<TokenService>().IssueAsync(
                new TokenGrant(appId, shop, TokenFlavour.InstagramLogin, TokenKind.LongLived, TokenInfo.ParseScopes("instagram_business_basic,instagram_business_manage_comments")));
            await PostAsync(client, $"/{appId}/subscriptions?object=instagram&fields=comments&verify_token={WebhookReceiver.VerifyToken}&callback_url={Uri.EscapeDataString(receiver.Url)}&access_token={Uri.EscapeDataString($"{appId}|{secret}")}");
            await PostAsync(client, $"/me/subscribed_apps?subscribed_fields=comments&access_token={token}");
            await PostAsync(client, $"/{mediaId}/comments?message=Still+there%3F&access_token={token}");
            Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
            deliveryId = Read(first, db => db.WebhookDeliveries.Single(d => d.State == DeliveryState.Pending).Id);
            await first.StopAsync();
        }

        await using var second = await StartAsync(runJobs: true);
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        Assert.NotNull(post);
        Assert.Contains("Still there?", post.Text, StringComparison.Ordinal);
        Assert.Equal(Read(second, db => db.WebhookDeliveries.Single(d => d.Id == deliveryId).Payload), post.Text);
    }

    /// <summary>The demo app, the shop and one of its posts that takes comments.</summary>
    private static (long AppId, string Secret, long Shop, long MediaId) World(WebApplication app)
    {
        var demo = Read(app, db => db.Apps.OrderBy(a => a.CreatedAt).First());
        var shop = Read(app, db => db.Accounts.Single(a => a.Username == "example_shop").Id);
        var media = Read(app, db => db.Media.Where(m => m.OwnerId == shop && m.InGrid && m.CommentEnabled).OrderBy(m => m.Id).First().Id);
        return (demo.Id, app.Services.SecretOf(demo), shop, media);
    }

    private static async Task PostAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.PostAsync(pathAndQuery, null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static T Read<T>(WebApplication app, Func<PictographDb, T> read)
    {
        using var db = app.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContext();
        return read(db);
    }
}
