using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Insights;

/// <summary>Where insights plug into the server: the event recorder and its writer, and the <c>insights</c> edges.</summary>
public static class InsightsSetup
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton<ViewCounting>();
        services.AddSingleton<InsightRecorder>();
        services.AddHostedService<InsightWriter>();
        return services;
    }

    /// <summary><c>GET /{ig-user-id}/insights</c>: instagram_manage_insights (Facebook Login) or instagram_business_manage_insights (Instagram Login).</summary>
    public static NodeType<Account> WithAccountInsights(this NodeType<Account> user) =>
        user.OnGet("insights", AccountInsights.GetAsync, [user.Name == "IGUser" ? Permissions.InstagramManageInsights : Permissions.BusinessManageInsights]);

    /// <summary><c>GET /{ig-media-id}/insights</c>, with the same permissions.</summary>
    public static NodeType<Data.Media> WithMediaInsights(this NodeType<Data.Media> media)
    {
        var facebook = media.Name == "IGMedia";
        return media.OnGet(
            "insights",
            (node, arguments, context) => MediaInsights.GetAsync(node, arguments, context, facebook),
            [facebook ? Permissions.InstagramManageInsights : Permissions.BusinessManageInsights]);
    }
}
