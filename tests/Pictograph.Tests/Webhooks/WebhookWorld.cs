using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary>
/// A test class's own seeded server that may call loopback callbacks. Tests in a class run one after another:
/// each starts with <see cref="ResetAsync"/>, so no subscription or delivery of another test is left.
/// </summary>
public sealed class WebhookServer : IAsyncLifetime
{
    public PictographServer Server { get; } = new() { ExtraArgs = [WebhookWorld.AllowLoopback] };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();

    /// <summary>No subscriptions, no account subscriptions, no deliveries and no delivery jobs.</summary>
    public async Task ResetAsync()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        await db.Jobs.Where(j => j.Kind.StartsWith("webhooks.")).ExecuteDeleteAsync();
        await db.WebhookDeliveries.ExecuteDeleteAsync();
        await db.AccountSubscriptions.ExecuteDeleteAsync();
        await db.WebhookSubscriptions.ExecuteDeleteAsync();
    }
}

/// <summary>Steps the webhook tests share: subscribing the demo app, enabling accounts, reading deliveries, checking signatures.</summary>
public static class WebhookWorld
{
    public const string AllowLoopback = "--Pictograph:OutboundAllowList:0=127.0.0.0/8";

    /// <summary>Long enough for a loopback POST through the job runner (it polls every second).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a POST that must not come.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(2);

    public static string AppToken(this PictographServer server) => $"{server.Demo.AppId}|{server.Demo.AppSecret}";

    /// <summary><c>POST /{app-id}/subscriptions</c> with the app token, as a form.</summary>
    public static async Task<GraphResponse> SubscribeAsync(this PictographServer server, string callbackUrl, string fields, string verifyToken = WebhookReceiver.VerifyToken, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v25.0/{server.Demo.AppId}/subscriptions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["object"] = "instagram",
                ["callback_url"] = callbackUrl,
                ["fields"] = fields,
                ["verify_token"] = verifyToken,
                ["include_values"] = "true",
                ["access_token"] = token ?? server.AppToken(),
            }),
        };
        return await server.SendAsync(request);
    }

    /// <summary>The account enables the demo app for <paramref name="fields"/> with its Instagram Login token.</summary>
    public static async Task EnableAsync(this PictographServer server, string username, string fields)
    {
        var token = await server.InstagramTokenAsync(username, "instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights");
        CommentWorld.AssertSuccess(await server.PostAsync($"/me/subscribed_apps?subscribed_fields={fields}&access_token={token}"));
    }

    /// <summary>The demo app subscribed to <paramref name="fields"/> at the receiver, and <paramref name="username"/> enabled it for them.</summary>
    public static async Task SubscribeAndEnableAsync(this PictographServer server, WebhookReceiver receiver, string username, string fields)
    {
        var subscribed = await server.SubscribeAsync(receiver.Url, fields);
        Assert.True(subscribed.Status == 200, subscribed.Body);
        await server.EnableAsync(username, fields);
    }

    public static List<WebhookDelivery> Deliveries(this PictographServer server) =>
        server.Read(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToList());

    public static List<WebhookAttempt> Attempts(this PictographServer server, long deliveryId) =>
        server.Read(db => db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToList());

    /// <summary>Waits until the delivery reaches <paramref name="state"/> (the attempt is saved just after the POST is answered).</summary>
    public static async Task<WebhookDelivery> WaitForStateAsync(this PictographServer server, long deliveryId, DeliveryState state, int attempts)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var delivery = server.Read(db => db.WebhookDeliveries.AsNoTracking().Single(d => d.Id == deliveryId));
            if ((delivery.State == state && delivery.Attempts == attempts) || DateTime.UtcNow > until)
            {
                return delivery;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The POST is signed with the app secret over its exact bytes, in both headers, and is JSON.</summary>
    public static JsonElement AssertSigned(this PictographServer server, ReceivedPost? post)
    {
        Assert.NotNull(post);
        var key = Encoding.UTF8.GetBytes(server.Demo.AppSecret);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, post.Body)), post.Signature256);
#pragma warning disable CA5350 // the legacy header is SHA-1 by definition
        Assert.Equal("sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(key, post.Body)), post.Signature1);
#pragma warning restore CA5350
        Assert.Equal("application/json", post.ContentType);
        return JsonDocument.Parse(post.Body).RootElement;
    }
}
