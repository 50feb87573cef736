using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Publishing;

/// <summary>Where content publishing plugs into the server.</summary>
public static class PublishingSetup
{
    public static IServiceCollection AddPublishing(this IServiceCollection services) => services;

    /// <summary><c>POST /{ig-user-id}/media</c>, <c>POST /{ig-user-id}/media_publish</c>, <c>GET /{ig-user-id}/content_publishing_limit</c>.</summary>
    public static NodeType<Account> WithPublishing(this NodeType<Account> user) => user;
}
