using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pictograph.Control.Clock;
using Pictograph.Hosting;

namespace Pictograph.Impersonation;

public static class ImpersonationServices
{
    public static IServiceCollection AddImpersonation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImpersonationOptions>()
            .Bind(configuration.GetSection(ImpersonationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => CertificateAuthority.LoadOrCreate(
            sp.GetRequiredService<IOptions<ImpersonationOptions>>().Value.CertificateDirectoryIn(sp.GetRequiredService<IOptions<PictographOptions>>().Value.DataDirectory),
            sp.GetRequiredService<ControlClock>().Base));
        services.AddSingleton<LeafCertificates>();
        services.AddSingleton<ImpersonationListener>();
        services.AddSingleton<OwnHosts>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(sp => sp.GetRequiredService<ImpersonationListener>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, HostMatcherPolicy>());
        return services;
    }

    /// <summary>With impersonation on: the CA exists from the start (for <c>ca export</c>), and each Meta host answers its own not-found.</summary>
    public static WebApplication MapImpersonation(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ImpersonationOptions>>().Value.Enabled)
        {
            app.Services.GetRequiredService<CertificateAuthority>();
            app.MapHostFallbacks();
        }

        return app;
    }
}
