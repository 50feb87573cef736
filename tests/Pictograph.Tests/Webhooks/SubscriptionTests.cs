using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary><c>/{app-id}/subscriptions</c> with the app token, and the verification handshake that guards it.</summary>
public sealed class SubscriptionTests(WebhookServer world) : IClassFixture<WebhookServer>, IAsyncLifetime
{
    private PictographServer Server => world.Server;

    public Task InitializeAsync() => world.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<GraphResponse> ListAsync(string? token = null) =>
        Server.GetAsync($"/v25.0/{Server.Demo.AppId}/subscriptions?access_token={Uri.EscapeDataString(token ?? Server.AppToken())}");

    [Fact]
    public async Task A_verified_callback_is_saved_and_listed_in_the_graph_shape()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var saved = await Server.SubscribeAsync(receiver.Url, "comments,mentions");
        var listed = await ListAsync();

        CommentWorld.AssertSuccess(saved);
        Assert.Equal(1, receiver.Handshakes);
        Assert.True(listed.Status == 200, listed.Body);
        Assert.Equal(
            $$"""{"data":[{"object":"instagram","callback_url":"{{receiver.Url}}","active":true,"fields":[{"name":"comments","version":"v25.0"},{"name":"mentions","version":"v25.0"}]}]}""",
            listed.Body);
    }

    [Fact]
    public async Task Posting_more_fields_adds_them_and_delete_with_fields_removes_only_those()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        CommentWorld.AssertSuccess(await Server.SubscribeAsync(receiver.Url, "comments"));

        CommentWorld.AssertSuccess(await Server.SubscribeAsync(receiver.Url, "mentions,story_insights"));
        var three = Names((await ListAsync()).Json);
        CommentWorld.AssertSuccess(await Server.DeleteAsync($"/{Server.Demo.AppId}/subscriptions?object=instagram&fields=mentions&access_token={Uri.EscapeDataString(Server.AppToken())}"));
        var two = Names((await ListAsync()).Json);
        CommentWorld.AssertSuccess(await Server.DeleteAsync($"/{Server.Demo.AppId}/subscriptions?object=instagram&access_token={Uri.EscapeDataString(Server.AppToken())}"));
        var none = await ListAsync();

        Assert.Equal(["comments", "mentions", "story_insights"], three);
        Assert.Equal(["comments", "story_insights"], two);
        Assert.Equal("""{"data":[]}""", none.Body);
    }

    [Theory]
    [InlineData(Handshake.WrongChallenge, "Response does not match challenge")]
    [InlineData(Handshake.Forbidden, "HTTP Status Code = 403")]
    public async Task A_callback_that_fails_the_handshake_is_not_saved(Handshake handshake, string why)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Handshake = handshake;

        var refused = await Server.SubscribeAsync(receiver.Url, "comments");

        var error = GraphAssert.Error(refused, 400, 2200);
        Assert.StartsWith("(#2200) Callback verification failed with the following errors: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(why, refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("""{"data":[]}""", (await ListAsync()).Body);
    }

    [Fact]
    public async Task A_wrong_verify_token_is_refused_by_the_callback_and_nothing_is_saved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var refused = await Server.SubscribeAsync(receiver.Url, "comments", verifyToken: "guess");

        GraphAssert.Error(refused, 400, 2200);
        Assert.Equal("""{"data":[]}""", (await ListAsync()).Body);
    }

    [Fact]
    public async Task A_private_address_is_never_called_without_the_allow_list()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var own = await OwnServer.StartAsync();

        var refused = await own.Server.SubscribeAsync(receiver.Url, "comments");

        GraphAssert.Error(refused, 400, 2200);
        Assert.Contains("private or reserved address", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Handshakes);
    }

    [Theory]
    [InlineData("object=page&callback_url=https%3A%2F%2Fexample.com%2Fhook&fields=feed&verify_token=t", "Param object must be one of {instagram}")]
    [InlineData("object=instagram&callback_url=ftp%3A%2F%2Fexample.com%2Fhook&fields=comments&verify_token=t", "callback_url must be a valid absolute http or https URL")]
    [InlineData("object=instagram&callback_url=https%3A%2F%2Fexample.com%2Fhook&fields=comments,likes&verify_token=t", "Param fields[1] must be one of {comments, live_comments")]
    [InlineData("object=instagram&callback_url=https%3A%2F%2Fexample.com%2Fhook&verify_token=t", "The parameter fields is required")]
    public async Task Bad_parameters_are_refused_with_code_100(string query, string message)
    {
        var refused = await Server.PostAsync($"/{Server.Demo.AppId}/subscriptions?{query}&access_token={Uri.EscapeDataString(Server.AppToken())}");

        GraphAssert.Error(refused, 400, 100);
        Assert.Contains(message, refused.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_apps_own_app_token_reaches_its_subscriptions()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var user = await Server.DeveloperTokenAsync("pages_show_list");

        var listed = await ListAsync(user);
        var posted = await Server.SubscribeAsync(receiver.Url, "comments", token: user);
        var otherApp = await Server.GetAsync($"/{Server.Demo.AppId + 100}/subscriptions?access_token={Uri.EscapeDataString(Server.AppToken())}");
        var badSecret = await ListAsync($"{Server.Demo.AppId}|not-the-secret");
        var node = await Server.GetAsync($"/{Server.Demo.AppId}?access_token={Uri.EscapeDataString(Server.AppToken())}");

        GraphAssert.Error(listed, 400, 100, 33);
        GraphAssert.Error(posted, 400, 100, 33);
        Assert.Equal(0, receiver.Handshakes);
        GraphAssert.Error(otherApp, 400, 100, 33);
        GraphAssert.Error(badSecret, 400, 190);
        GraphAssert.Error(node, 400, 100, 33);
    }

    private static List<string> Names(System.Text.Json.JsonElement listing) =>
        [.. listing.GetProperty("data")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];
}
