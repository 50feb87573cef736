using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Jobs;

public static class JobsSetup
{
    /// <summary>The queue (for whoever enqueues), this node's name in leases and its runner; handlers register as <see cref="IJobHandler"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddSingleton(sp => NodeIdentity.Acquire(sp.GetRequiredService<IOptions<PictographOptions>>().Value.DataDirectory));
        services.AddHostedService<JobRunner>();
        return services;
    }
}
