using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Webhooks;

/// <summary>An account enables an app's webhooks: <c>/me/subscribed_apps</c> (Instagram Login) and <c>/{page-id}/subscribed_apps</c> (Facebook Login).</summary>
public sealed class SubscribedAppsTests(WebhookServer world) : IClassFixture<WebhookServer>, IAsyncLifetime
{
    private const string PageScopes = "pages_show_list,pages_manage_metadata,instagram_basic,instagram_manage_comments";

    private PictographServer Server => world.Server;

    private string AppId => DemoData.Id(Server.Demo.AppId);

    public Task InitializeAsync() => world.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Instagram_login_sets_lists_replaces_and_removes_the_apps_fields()
    {
        var token = await Server.InstagramTokenAsync();

        var set = await Server.PostAsync($"/me/subscribed_apps?subscribed_fields=comments,mentions&access_token={token}");
        var listed = await Server.GetAsync($"/me/subscribed_apps?access_token={token}");
        var replaced = await Server.PostAsync($"/v25.0/me/subscribed_apps?subscribed_fields={Uri.EscapeDataString("""["mentions"]""")}&access_token={token}");
        var relisted = await Server.GetAsync($"/me/subscribed_apps?access_token={token}");
        var removed = await Server.DeleteAsync($"/me/subscribed_apps?access_token={token}");
        var empty = await Server.GetAsync($"/me/subscribed_apps?access_token={token}");

        CommentWorld.AssertSuccess(set);
        Assert.Equal($$"""{"data":[{"app_id":"{{AppId}}","subscribed_fields":["comments","mentions"]}]}""", listed.Body);
        CommentWorld.AssertSuccess(replaced);
        Assert.Equal($$"""{"data":[{"app_id":"{{AppId}}","subscribed_fields":["mentions"]}]}""", relisted.Body);
        CommentWorld.AssertSuccess(removed);
        Assert.Equal("""{"data":[]}""", empty.Body);
    }

    [Fact]
    public async Task Instagram_login_fields_need_their_permissions_and_must_be_known()
    {
        var basic = await Server.InstagramTokenAsync(scopes: CommentWorld.InstagramRead);
        var manage = await Server.InstagramTokenAsync();

        var comments = await Server.PostAsync($"/me/subscribed_apps?subscribed_fields=comments&access_token={basic}");
        var unknown = await Server.PostAsync($"/me/subscribed_apps?subscribed_fields=comments,likes&access_token={manage}");
        var missing = await Server.PostAsync($"/me/subscribed_apps?access_token={manage}");
        var follow = await Server.PostAsync($"/me/subscribed_apps?subscribed_fields=follow&access_token={basic}");

        GraphAssert.Error(comments, 403, 200);
        Assert.Contains("instagram_business_manage_comments", comments.ErrorMessage, StringComparison.Ordinal);
        GraphAssert.Error(unknown, 400, 100);
        Assert.Contains("subscribed_fields[1]", unknown.ErrorMessage, StringComparison.Ordinal);
        GraphAssert.Error(missing, 400, 100, message: "(#100) The parameter subscribed_fields is required");
        CommentWorld.AssertSuccess(follow);
    }

    [Fact]
    public async Task A_page_enables_the_app_for_its_linked_instagram_account()
    {
        var page = Server.PageOf(CommentWorld.Shop);
        var token = await Server.DeveloperTokenAsync(PageScopes);

        var set = await Server.PostAsync($"/{page.Id}/subscribed_apps?subscribed_fields=comments,mentions&access_token={token}");
        var listed = await Server.GetAsync($"/{page.Id}/subscribed_apps?access_token={token}");
        var stored = Server.Read(db => db.AccountSubscriptions.Single());
        var removed = await Server.DeleteAsync($"/{page.Id}/subscribed_apps?access_token={token}");

        CommentWorld.AssertSuccess(set);
        Assert.Equal($$"""{"data":[{"name":"{{Server.Read(db => db.Apps.Single(a => a.Id == Server.Demo.AppId).Name)}}","id":"{{AppId}}","subscribed_fields":["comments","mentions"]}]}""", listed.Body);
        Assert.Equal(Server.Account(CommentWorld.Shop).Id, stored.AccountId);
        Assert.Equal("comments,mentions", stored.Fields);
        CommentWorld.AssertSuccess(removed);
        Assert.Empty(Server.Read(db => db.AccountSubscriptions.ToList()));
    }

    [Fact]
    public async Task A_page_needs_pages_manage_metadata_and_comment_permission_for_comments()
    {
        var page = Server.PageOf(CommentWorld.Shop);
        var noMetadata = await Server.DeveloperTokenAsync("pages_show_list,instagram_basic,instagram_manage_comments");
        var noComments = await Server.DeveloperTokenAsync("pages_show_list,pages_manage_metadata,instagram_basic");

        var refused = await Server.PostAsync($"/{page.Id}/subscribed_apps?subscribed_fields=comments&access_token={noMetadata}");
        var listRefused = await Server.GetAsync($"/{page.Id}/subscribed_apps?access_token={noMetadata}");
        var commentsRefused = await Server.PostAsync($"/{page.Id}/subscribed_apps?subscribed_fields=comments&access_token={noComments}");

        GraphAssert.Error(refused, 403, 10);
        GraphAssert.Error(listRefused, 403, 10);
        GraphAssert.Error(commentsRefused, 403, 200);
        Assert.Empty(Server.Read(db => db.AccountSubscriptions.ToList()));
    }
}
