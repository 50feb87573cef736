using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Jobs;

namespace Pictograph.Webhooks;

/// <summary>Where webhooks plug into the server: services, job handlers and the <c>subscribed_apps</c> edge.</summary>
public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookEvents>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<IJobHandler, DeliveryJob>();
        services.AddSingleton<IJobHandler, StoryInsightsJob>();
        services.AddSingleton<Control.IControlEndpoints, Control.Webhooks.WebhookControlEndpoints>();
        // The deauthorize callback rides the same durable job table as webhook deliveries.
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<Deauthorization>());
        return services;
    }

    /// <summary>Webhooks are configured through the Graph API, the dashboard and the CLI: no endpoints of their own.</summary>
    public static WebApplication MapWebhooks(this WebApplication app) => app;

    /// <summary>
    /// <c>GET|POST|DELETE /me/subscribed_apps</c> of the Instagram Login "User". Facebook Login accounts are
    /// enabled through their Page (<c>/{page-id}/subscribed_apps</c>), so IGUser gets no edge here.
    /// </summary>
    public static NodeType<Account> WithSubscribedApps(this NodeType<Account> user)
    {
        if (user.Name != "User")
        {
            return user;
        }

        return user
            .OnGet("subscribed_apps", (account, _, context) => SubscribedApps.ListAsync(account.Id, context, pageShape: false))
            .OnPost("subscribed_apps", (account, arguments, context) => SubscribedApps.SetAsync(account.Id, arguments, context, f => WebhookFields.Permission(f, instagramLogin: true)))
            .OnDelete("subscribed_apps", (account, _, context) => SubscribedApps.RemoveAsync(account.Id, context));
    }
}
