using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pictograph.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Registers the disk store and the URL signer; expects TimeProvider, ServerSecret and
    /// IOptions&lt;PictographOptions&gt; from the host. TryAdd lets a host or test register its own store first.</summary>
    public static IServiceCollection AddMediaStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IMediaStore, DiskMediaStore>();
        services.TryAddSingleton<MediaUrlSigner>();
        services.TryAddSingleton<MediaSweep>();
        return services;
    }
}
