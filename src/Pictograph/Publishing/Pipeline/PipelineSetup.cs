using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pictograph.Publishing.Pipeline;

public static class PipelineSetup
{
    /// <summary>The <see cref="MediaPipeline"/> singleton and its settings ("Pictograph:Publishing").</summary>
    public static IServiceCollection AddMediaPipeline(this IServiceCollection services)
    {
        services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<MediaPipeline>();
        return services;
    }
}
