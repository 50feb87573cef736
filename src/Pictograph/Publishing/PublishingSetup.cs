using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Jobs;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Publishing;

/// <summary>Where content publishing plugs into the server.</summary>
public static class PublishingSetup
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddMediaPipeline();
        services.AddSingleton<ResumableUploads>();
        services.AddSingleton<ProcessingMode>();
        services.AddSingleton<Control.IControlEndpoints, Control.Processing.ProcessingEndpoints>();
        services.AddHostedService<UploadSweeper>();
        services.AddSingleton<IJobHandler, ContainerProcessing>();
        return services;
    }

    /// <summary><c>POST /{ig-user-id}/media</c>, <c>POST /{ig-user-id}/media_publish</c>, <c>GET /{ig-user-id}/content_publishing_limit</c>.</summary>
    public static NodeType<Account> WithPublishing(this NodeType<Account> user)
    {
        string[] publish = user.Name == "IGUser" ? [Permissions.InstagramContentPublish] : [Permissions.BusinessContentPublish];
        return user
            .OnPost("media", ContainerCreation.CreateAsync, publish)
            .OnPost("media_publish", MediaPublishing.PublishAsync, publish)
            .OnGet("content_publishing_limit", PublishingQuota.LimitAsync, publish);
    }
}
