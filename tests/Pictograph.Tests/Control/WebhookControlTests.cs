using System.Text.Json;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Webhooks;

namespace Pictograph.Tests.Control;

/// <summary>Test deliveries on demand, as the App Dashboard's "Test" button sends them, and replays of logged ones.</summary>
public sealed class WebhookControlTests(WebhookServer world) : IClassFixture<WebhookServer>, IAsyncLifetime
{
    private PictographServer Server => world.Server;

    public Task InitializeAsync() => world.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_test_comment_reaches_the_callback_signed_for_the_named_account_and_its_newest_post()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, "comments")).Status);
        var shop = Server.Account(CommentWorld.Shop).Id;
        var newest = Server.Read(db => db.Media.Where(m => m.OwnerId == shop && m.ParentId == null).OrderByDescending(m => m.CreatedAt).First().Id);

        (await Server.ControlPostAsync("/webhooks/test", new { app_id = DemoData.Id(Server.Demo.AppId), field = "comments", account_id = shop })).Ok(202);

        var post = await receiver.NextAsync(WebhookWorld.Wait);
        Server.AssertSigned(post);
        var entry = JsonDocument.Parse(post!.Text).RootElement.GetProperty("entry")[0];
        Assert.Equal(DemoData.Id(shop), entry.GetProperty("id").GetString());
        var change = entry.GetProperty("changes")[0];
        Assert.Equal("comments", change.GetProperty("field").GetString());
        Assert.Equal(DemoData.Id(newest), change.GetProperty("value").GetProperty("media").GetProperty("id").GetString());
        Assert.Equal("This is an example.", change.GetProperty("value").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_test_of_a_messaging_field_uses_the_messaging_shape_and_a_given_value_replaces_the_sample()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, "comments,messages")).Status);

        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "messages" })).Ok(202);
        var message = JsonDocument.Parse((await receiver.NextAsync(WebhookWorld.Wait))!.Text).RootElement.GetProperty("entry")[0];
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "mentions", value = new { media_id = "42", comment_id = "43" } })).Ok(202);
        var mention = JsonDocument.Parse((await receiver.NextAsync(WebhookWorld.Wait))!.Text).RootElement.GetProperty("entry")[0];

        Assert.Equal("0", message.GetProperty("id").GetString());
        Assert.Equal("This is an example.", message.GetProperty("messaging")[0].GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("""{"media_id":"42","comment_id":"43"}""", mention.GetProperty("changes")[0].GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task A_logged_delivery_is_replayed_with_the_same_body_as_a_new_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, "comments")).Status);
        var first = (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "story_insights" })).Ok(202).Json.GetProperty("delivery_id").GetString();
        var original = await receiver.NextAsync(WebhookWorld.Wait);

        var replay = (await Server.ControlPostAsync($"/webhooks/deliveries/{first}/replay")).Ok(202).Json.GetProperty("delivery_id").GetString();
        var again = await receiver.NextAsync(WebhookWorld.Wait);

        Assert.NotEqual(first, replay);
        Assert.Equal(original!.Body, again!.Body);
        Assert.Equal(original.Signature256, again.Signature256);
    }

    [Fact]
    public async Task Bad_test_requests_are_problems()
    {
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "comments" })).Problem(409);
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, "comments")).Status);
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "nonsense" })).Problem(400);
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = "abc", field = "comments" })).Problem(400);
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "follow" })).Problem(400);
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "comments", account_id = 999 })).Problem(404);
        (await Server.ControlPostAsync("/webhooks/test", new { app_id = Server.Demo.AppId, field = "comments", value = 5 })).Problem(400);
        (await Server.ControlPostAsync("/webhooks/deliveries/999/replay")).Problem(404);
    }
}
