using System.Net;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Dashboard;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary>A test class's webhook server with the demo developer (the demo app's administrator) signed in to the dashboard.</summary>
public sealed class WebhookDashboard : IAsyncLifetime
{
    public WebhookServer World { get; } = new();

    public DashboardBrowser Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        Admin = await DashboardBrowser.SignedInAsync(World.Server, DemoWorld.DeveloperEmail);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        await World.DisposeAsync();
    }
}

/// <summary>The dashboard's Webhooks tab: the subscription form (saving runs the handshake) and the delivery log.</summary>
public sealed class WebhooksPageTests(WebhookDashboard dashboard) : IClassFixture<WebhookDashboard>, IAsyncLifetime
{
    private PictographServer Server => dashboard.World.Server;

    private DashboardBrowser Admin => dashboard.Admin;

    private string Page => DashboardData.AppPath(Server.Demo.AppId, "webhooks");

    public Task InitializeAsync() => dashboard.World.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HtmlResponse> SaveAsync(string callbackUrl, params string[] fields) =>
        Admin.SubmitAsync(Page, Page, [("callback_url", callbackUrl), ("verify_token", WebhookReceiver.VerifyToken), .. fields.Select(f => ("field", f))]);

    [Fact]
    public async Task The_tab_shows_an_empty_subscription_form_and_log()
    {
        var page = await Admin.GetAsync(Page);
        var settings = await Admin.GetAsync(DashboardData.AppPath(Server.Demo.AppId));

        Assert.Equal(200, page.Status);
        Assert.True(page.HasForm(Page));
        Assert.Contains("Not subscribed", page.TextOf("subscription-state"), StringComparison.Ordinal);
        Assert.NotNull(page.TextOf("no-deliveries"));
        Assert.Contains("value=\"story_insights\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", settings.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_verifies_the_callback_then_stores_the_ticked_fields()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var saved = await SaveAsync(receiver.Url, "comments", "mentions");
        var page = await Admin.GetAsync(saved.Location!);
        var stored = Server.Read(db => db.WebhookSubscriptions.Single());

        Assert.Equal(302, saved.Status);
        Assert.Equal(Page + "?done=saved", saved.Location);
        Assert.Equal(1, receiver.Handshakes);
        Assert.Equal((receiver.Url, "comments,mentions", WebhookReceiver.VerifyToken), (stored.CallbackUrl, stored.Fields, stored.VerifyToken));
        Assert.Contains("Callback verified and subscription saved.", page.Html, StringComparison.Ordinal);
        Assert.Contains("checked> <code>mentions</code>", page.Html, StringComparison.Ordinal);
        Assert.True(page.HasForm(Page + "/remove"));
    }

    [Fact]
    public async Task A_failed_handshake_is_shown_and_nothing_is_saved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Handshake = Handshake.Forbidden;

        var refused = await SaveAsync(receiver.Url, "comments");

        Assert.Equal(400, refused.Status);
        Assert.Contains("(#2200) Callback verification failed with the following errors: HTTP Status Code = 403", WebUtility.HtmlDecode(refused.Html), StringComparison.Ordinal);
        Assert.Contains($"value=\"{receiver.Url}\"", refused.Html, StringComparison.Ordinal);
        Assert.Empty(Server.Read(db => db.WebhookSubscriptions.ToList()));
    }

    [Fact]
    public async Task A_developer_of_the_app_sees_the_subscription_and_log_but_cannot_change_them()
    {
        var (_, email) = await Server.AddFacebookUserAsync("Webhook Developer");
        await Admin.AddRoleAsync(Server.Demo.AppId, email, AppRoleKind.Developer);
        using var developer = await DashboardBrowser.SignedInAsync(Server, email, DashboardData.Password);

        var page = await developer.GetAsync(Page);
        // The page's own antiforgery field (from its sign-out form): the role check is what refuses.
        var refused = await developer.PostAsync(Page, [.. page.HiddenFields("/developers/signout"), ("callback_url", "https://example.com/hook"), ("verify_token", "t"), ("field", "comments")]);

        Assert.Equal(200, page.Status);
        Assert.False(page.HasForm(Page));
        Assert.Contains("Only administrators can change the subscription.", page.Html, StringComparison.Ordinal);
        Assert.NotNull(page.TextOf("no-deliveries"));
        Assert.Equal(403, refused.Status);
        Assert.Contains("Administrators only", refused.Html, StringComparison.Ordinal);
        Assert.Empty(Server.Read(db => db.WebhookSubscriptions.ToList()));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_field_is_refused()
    {
        var refused = await Admin.PostAsync(Page, ("callback_url", "https://example.com/hook"), ("verify_token", "t"), ("field", "comments"));

        Assert.Equal(400, refused.Status);
        Assert.Contains("Form refused", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_lists_deliveries_newest_first_with_state_status_and_payload_and_removing_stops_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(302, (await SaveAsync(receiver.Url, "comments")).Status);
        await Server.EnableAsync(CommentWorld.Shop, "comments");
        var media = await Server.NewMediaAsync();
        var token = await Server.InstagramTokenAsync();
        foreach (var text in new[] { "first <b>", "second" })
        {
            CommentWorld.CreatedId(await Server.PostAsync($"/{media.Id}/comments?message={Uri.EscapeDataString(text)}&access_token={token}"));
            Assert.NotNull(await receiver.NextAsync(WebhookWorld.Wait));
            Server.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var deliveries = Server.Deliveries();
        foreach (var delivery in deliveries)
        {
            await Server.WaitForStateAsync(delivery.Id, DeliveryState.Delivered, 1);
        }

        var page = await Admin.GetAsync(Page);
        var removed = await Admin.SubmitAsync(Page, Page + "/remove");

        Assert.Equal(200, page.Status);
        var second = page.Html.IndexOf($"data-delivery=\"{deliveries[1].Id}\"", StringComparison.Ordinal);
        var first = page.Html.IndexOf($"data-delivery=\"{deliveries[0].Id}\"", StringComparison.Ordinal);
        Assert.True(second >= 0 && first > second, "newest first");
        Assert.Contains("<span class=\"badge Delivered\">Delivered</span>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>200</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(deliveries[0].Payload), page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("first <b>", page.Html, StringComparison.Ordinal);
        Assert.Equal(Page + "?done=removed", removed.Location);
        Assert.Empty(Server.Read(db => db.WebhookSubscriptions.ToList()));
    }
}
