using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Control.Clock;
using Pictograph.Hosting;
using Pictograph.Impersonation;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>A <see cref="MediaPipeline"/> built the way the server builds it: a service collection bound to configuration.</summary>
public sealed class PipelineServices : IDisposable
{
    /// <summary>Loopback allowed, so the pipeline may fetch from a <see cref="MediaHost"/>.</summary>
    public static readonly Dictionary<string, string?> Loopback = new() { ["Pictograph:OutboundAllowList:0"] = "127.0.0.0/8" };

    private readonly ServiceProvider _provider;

    public PipelineServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOptions()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new ControlClock(TimeProvider.System))
            .AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ControlClock>());
        services.AddOptions<PictographOptions>().BindConfiguration(PictographOptions.Section);
        services.AddImpersonation(configuration);
        services.AddMediaPipeline();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Pipeline = _provider.GetRequiredService<MediaPipeline>();
    }

    public MediaPipeline Pipeline { get; }

    /// <summary>Loopback allowed plus <paramref name="settings"/> ("Pictograph:Publishing:FetchTimeout" = "00:00:01"…).</summary>
    public static PipelineServices WithLoopback(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>(Loopback);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new PipelineServices(all);
    }

    public void Dispose() => _provider.Dispose();
}
