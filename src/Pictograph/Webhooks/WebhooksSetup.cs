using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Webhooks;

/// <summary>Where webhooks plug into the server: services, endpoints and the <c>subscribed_apps</c> edge.</summary>
public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services) => services.AddSingleton<WebhookEvents>();

    public static WebApplication MapWebhooks(this WebApplication app) => app;

    /// <summary><c>GET|POST|DELETE /{ig-user-id}/subscribed_apps</c>.</summary>
    public static NodeType<Account> WithSubscribedApps(this NodeType<Account> user) => user;
}
