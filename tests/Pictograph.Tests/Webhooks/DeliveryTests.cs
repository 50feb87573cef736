using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Nodes.Instagram;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Webhooks;

namespace Pictograph.Tests.Webhooks;

/// <summary>Events the server raises (comments, mentions, story_insights), delivered signed, retried and logged.</summary>
public sealed class DeliveryTests(WebhookServer world) : IClassFixture<WebhookServer>, IAsyncLifetime
{
    private PictographServer Server => world.Server;

    private long Shop => Server.Account(CommentWorld.Shop).Id;

    public Task InitializeAsync() => world.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CommentAsync(long mediaId, string message, long? replyTo = null)
    {
        var token = await Server.InstagramTokenAsync();
        var path = replyTo is { } parent ? $"/{parent}/replies" : $"/{mediaId}/comments";
        return CommentWorld.CreatedId(await Server.PostAsync($"{path}?message={Uri.EscapeDataString(message)}&access_token={token}"));
    }

    private long Now => Server.Clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Puts the values in for @0@, @1@… of an expected body (the JSON's own braces stay as written).</summary>
    private static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"@{i}@", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    [Fact]
    public async Task A_comment_and_a_reply_are_each_posted_once_signed_over_their_utf8_bytes_in_the_documented_shape()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        var media = await Server.NewMediaAsync();

        var commentId = await CommentAsync(media.Id, "Love this!");
        var first = await receiver.NextAsync(WebhookWorld.Wait);
        var replyId = await CommentAsync(media.Id, "Merci ☕ <3 & \"more\"", replyTo: commentId);
        var second = await receiver.NextAsync(WebhookWorld.Wait);

        Server.AssertSigned(first);
        Server.AssertSigned(second);
        var shop = DemoData.Id(Shop);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"comments","value":{"id":"@2@","text":"Love this!","from":{"id":"@3@","username":"example_shop"},"media":{"id":"@4@","media_product_type":"FEED"}}}]}]}""", shop, Now, commentId, shop, media.Id),
            first!.Text);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"comments","value":{"id":"@2@","text":"Merci ☕ <3 & \"more\"","parent_id":"@3@","from":{"id":"@4@","username":"example_shop"},"media":{"id":"@5@","media_product_type":"FEED"}}}]}]}""", shop, Now, replyId, commentId, shop, media.Id),
            second!.Text);
        Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
        var deliveries = Server.Deliveries();
        Assert.Equal(2, deliveries.Count);
        foreach (var delivery in deliveries)
        {
            var done = await Server.WaitForStateAsync(delivery.Id, DeliveryState.Delivered, 1);
            Assert.Equal(DeliveryState.Delivered, done.State);
            Assert.Equal(200, Assert.Single(Server.Attempts(delivery.Id)).StatusCode);
        }

        Assert.Equal(first.Text, deliveries[0].Payload);
    }

    [Fact]
    public async Task A_mention_in_a_comment_goes_to_the_mentioned_accounts_apps()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Creator, "mentions");
        var media = await Server.NewMediaAsync();

        var commentId = await CommentAsync(media.Id, "Shot by @studio.creator, thank you");
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        var body = Server.AssertSigned(post);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"mentions","value":{"media_id":"@2@","comment_id":"@3@"}}]}]}""", Server.Account(CommentWorld.Creator).Id, Now, media.Id, commentId),
            post!.Text);
        Assert.Equal("mentions", body.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("field").GetString());
        // The shop did not enable the app, so its comment raised nothing for it.
        Assert.Single(Server.Deliveries());
    }

    [Fact]
    public async Task A_caption_mention_recorded_at_publish_time_carries_the_media_id_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Creator, "mentions");
        var media = await Server.NewMediaAsync();

        // What publishing does with a caption: record its entities in the unit of work that creates the media.
        await Server.WriteAsync(db => TextEntityRecorder.RecordAsync(db, Server.Services.GetRequiredService<IdAllocator>(), Server.Services.GetRequiredService<WebhookEvents>(), media.Id, null, "New roast with @studio.creator", Now, CancellationToken.None));
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        Server.AssertSigned(post);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"mentions","value":{"media_id":"@2@"}}]}]}""", Server.Account(CommentWorld.Creator).Id, Now, media.Id),
            post!.Text);
    }

    [Fact]
    public async Task A_reply_to_a_mention_is_a_comment_on_the_other_accounts_media_from_the_replier()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        var creator = Server.Account(CommentWorld.Creator).Id;
        var mentioning = Server.Read(db => db.Mentions.First(m => m.AccountId == creator && m.CommentId == null
            && db.Media.Any(x => x.Id == m.MediaId && x.OwnerId == Shop && x.ProductType == MediaProductType.Feed && x.CommentEnabled)).MediaId);
        var token = await Server.InstagramTokenAsync(CommentWorld.Creator);

        var replyId = CommentWorld.CreatedId(await Server.PostAsync($"/{creator}/mentions?media_id={mentioning}&message=Thanks+for+having+me&access_token={token}"));
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        Server.AssertSigned(post);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"comments","value":{"id":"@2@","text":"Thanks for having me","from":{"id":"@3@","username":"studio.creator"},"media":{"id":"@4@","media_product_type":"FEED"}}}]}]}""",
                Shop, Now, replyId, creator, mentioning),
            post!.Text);
    }

    [Theory]
    [InlineData("comments", "mentions")]
    [InlineData("mentions", "comments")]
    public async Task Nothing_is_delivered_unless_the_app_subscribed_the_field_and_the_account_enabled_it(string appFields, string accountFields)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, appFields)).Status);
        await Server.EnableAsync(CommentWorld.Shop, accountFields);
        var media = await Server.NewMediaAsync();

        await CommentAsync(media.Id, "Hello @example_shop");

        Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
        Assert.Empty(Server.Deliveries());
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_on_schedule_with_every_attempt_on_record()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        receiver.FailNext(2);
        var media = await Server.NewMediaAsync();

        await CommentAsync(media.Id, "Retry me");
        var first = await receiver.NextAsync(WebhookWorld.Wait);
        var id = Assert.Single(Server.Deliveries()).Id;
        var pending = await Server.WaitForStateAsync(id, DeliveryState.Pending, 1);
        // Not due before 10 s have passed.
        Server.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await receiver.NextAsync(WebhookWorld.Wait);
        await Server.WaitForStateAsync(id, DeliveryState.Pending, 2);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        var third = await receiver.NextAsync(WebhookWorld.Wait);
        var delivered = await Server.WaitForStateAsync(id, DeliveryState.Delivered, 3);

        Assert.Equal(1, pending.Attempts);
        Assert.NotNull(second);
        Assert.NotNull(third);
        Assert.Equal(first!.Text, third!.Text);
        Assert.Equal(DeliveryState.Delivered, delivered.State);
        var attempts = Server.Attempts(id);
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal([0L, 10_000L, 40_000L], attempts.Select(a => a.At - attempts[0].At));
        Assert.Equal(["HTTP 500 Internal Server Error", "HTTP 500 Internal Server Error", null], attempts.Select(a => a.Error));
    }

    [Fact]
    public async Task A_delivery_still_failing_36_hours_after_the_event_is_given_up()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        receiver.FailNext(100);
        var media = await Server.NewMediaAsync();

        await CommentAsync(media.Id, "Never arrives");
        var id = Assert.Single(Server.Deliveries()).Id;
        await Server.WaitForStateAsync(id, DeliveryState.Pending, 1);
        Server.Clock.Advance(TimeSpan.FromHours(37));
        var failed = await Server.WaitForStateAsync(id, DeliveryState.Failed, 2);

        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal(2, Server.Attempts(id).Count);
    }

    [Fact]
    public async Task A_slow_receiver_never_holds_up_the_request_that_raised_the_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        receiver.PostDelay = TimeSpan.FromSeconds(3);
        var media = await Server.NewMediaAsync();

        var watch = Stopwatch.StartNew();
        await CommentAsync(media.Id, "Quick");
        var answeredIn = watch.Elapsed;
        var id = Assert.Single(Server.Deliveries()).Id;
        var delivered = await Server.WaitForStateAsync(id, DeliveryState.Delivered, 1);

        Assert.True(answeredIn < TimeSpan.FromSeconds(2), $"the comment took {answeredIn}");
        Assert.Equal(DeliveryState.Delivered, delivered.State);
        // The receiver's 3 s delay is a timer of millisecond granularity: it may end a hair before 3,000 ms of
        // the delivery's stopwatch (2,999 was seen).
        Assert.InRange(Assert.Single(Server.Attempts(id)).LatencyMs, 2_900, 10_000);
    }

    [Fact]
    public async Task The_log_lists_an_apps_deliveries_newest_first()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Server.SubscribeAndEnableAsync(receiver, CommentWorld.Shop, "comments");
        var media = await Server.NewMediaAsync();
        var ids = new List<long>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            ids.Add(await CommentAsync(media.Id, text));
            Server.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var scope = Server.Services.CreateScope();
        var log = await WebhookLog.NewestAsync(scope.ServiceProvider.GetRequiredService<PictographDb>(), Server.Demo.AppId, 10, CancellationToken.None);

        Assert.Equal(["three", "two", "one"], log.Select(l => JsonDocument.Parse(l.Delivery.Payload).RootElement
            .GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("text").GetString()));
        Assert.True(log[0].Delivery.CreatedAt > log[1].Delivery.CreatedAt);
    }

    [Fact]
    public async Task Story_insights_are_posted_when_the_story_expires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Assert.Equal(200, (await Server.SubscribeAsync(receiver.Url, "story_insights")).Status);
        await Server.EnableAsync(CommentWorld.Shop, "story_insights");
        var story = await Server.NewMediaAsync(productType: MediaProductType.Story);
        var jane = Server.Demo.AccountId;
        var creator = Server.Account(CommentWorld.Creator).Id;
        var expires = Server.Clock.GetUtcNow().AddHours(24);
        await Server.WriteAsync(db =>
        {
            var now = Now;
            db.InsightEvents.AddRange(
                new InsightEvent { AccountId = Shop, MediaId = story.Id, ActorId = jane, Kind = InsightEventKinds.View, CreatedAt = now },
                new InsightEvent { AccountId = Shop, MediaId = story.Id, ActorId = jane, Kind = InsightEventKinds.View, CreatedAt = now },
                new InsightEvent { AccountId = Shop, MediaId = story.Id, ActorId = creator, Kind = InsightEventKinds.View, CreatedAt = now },
                new InsightEvent { AccountId = Shop, MediaId = story.Id, ActorId = jane, Kind = InsightEventKinds.Navigation, Detail = "TAP_FORWARD", CreatedAt = now },
                new InsightEvent { AccountId = Shop, MediaId = story.Id, ActorId = creator, Kind = InsightEventKinds.Reply, CreatedAt = now });
            Server.Services.GetRequiredService<WebhookEvents>().ScheduleStoryInsights(db, story.Id, Shop, expires);
            return Task.CompletedTask;
        });

        Assert.Null(await receiver.NextAsync(WebhookWorld.Silence));
        Server.Clock.Advance(TimeSpan.FromHours(24));
        var post = await receiver.NextAsync(WebhookWorld.Wait);

        Server.AssertSigned(post);
        Assert.Equal(
            Fill("""{"object":"instagram","entry":[{"id":"@0@","time":@1@,"changes":[{"field":"story_insights","value":{"media_id":"@2@","impressions":3,"reach":2,"taps_forward":1,"taps_back":0,"exits":0,"replies":1}}]}]}""", DemoData.Id(Shop), expires.ToUnixTimeSeconds(), story.Id),
            post!.Text);
    }
}
