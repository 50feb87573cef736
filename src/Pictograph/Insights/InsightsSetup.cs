using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Insights;

/// <summary>Where insights plug into the server: services and the <c>insights</c> edges.</summary>
public static class InsightsSetup
{
    public static IServiceCollection AddInsights(this IServiceCollection services) => services;

    /// <summary><c>GET /{ig-user-id}/insights</c>.</summary>
    public static NodeType<Account> WithAccountInsights(this NodeType<Account> user) => user;

    /// <summary><c>GET /{ig-media-id}/insights</c>.</summary>
    public static NodeType<Data.Media> WithMediaInsights(this NodeType<Data.Media> media) => media;
}
