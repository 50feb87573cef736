namespace Pictograph.Jobs;

public static class JobsSetup
{
    /// <summary>The queue (for whoever enqueues) and this node's runner; handlers register as <see cref="IJobHandler"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddHostedService<JobRunner>();
        return services;
    }
}
