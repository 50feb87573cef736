using Pictograph.Graph.Errors;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Webhooks;

/// <summary>
/// <c>GET|POST|DELETE /{page-id}/subscribed_apps</c> (Facebook Login): the Page turns on the calling app's
/// Instagram webhooks for its linked professional account. Needs pages_manage_metadata, as on Facebook.
/// Only Instagram fields are accepted: Page webhooks themselves are not served.
/// </summary>
public static class PageSubscribedApps
{
    public const string PagesManageMetadata = "pages_manage_metadata";

    public static NodeType<ManagedPage> WithSubscribedApps(this NodeType<ManagedPage> page) =>
        page
            .OnGet("subscribed_apps", (p, _, context) => SubscribedApps.ListAsync(AccountOf(p), context, pageShape: true), [PagesManageMetadata])
            .OnPost("subscribed_apps", (p, arguments, context) => SubscribedApps.SetAsync(AccountOf(p), arguments, context, f => WebhookFields.Permission(f, instagramLogin: false)), [PagesManageMetadata])
            .OnDelete("subscribed_apps", (p, _, context) => SubscribedApps.RemoveAsync(AccountOf(p), context), [PagesManageMetadata]);

    private static long AccountOf(ManagedPage page) =>
        page.Page.InstagramAccountId ?? throw GraphErrors.InvalidParameter("This Page has no Instagram professional account linked, so it has no Instagram webhooks to enable");
}
