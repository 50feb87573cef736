using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Pictograph.Impersonation;

/// <summary>Set on a request that came in on the TLS listener: the Meta host it was sent to.</summary>
public sealed record MetaHostFeature(MetaHost Host);

/// <summary>Endpoint metadata: the Meta hosts an endpoint answers on (the plain listener serves every endpoint).</summary>
public sealed class ServedOnMetadata(IReadOnlyList<MetaHost> hosts, bool onPlainListener = true)
{
    public IReadOnlyList<MetaHost> Hosts { get; } = hosts;

    public bool OnPlainListener { get; } = onPlainListener;
}

public static class HostRouting
{
    /// <summary>Declares the Meta hosts this endpoint answers on; on the others it does not exist.</summary>
    public static TBuilder ServedOn<TBuilder>(this TBuilder builder, params MetaHost[] hosts)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ServedOnMetadata(hosts));

    /// <summary>The Meta host of a request on the TLS listener; null on the plain listener.</summary>
    public static MetaHost? MetaHostOf(this HttpContext http) => http.Features.Get<MetaHostFeature>()?.Host;
}

/// <summary>
/// Routing by Host on the TLS listener: an endpoint is a candidate only on the hosts it is served on, so a
/// path that lives on another host falls through to what this host answers (the Graph endpoint's own error
/// on the graph hosts, the host's not-found page elsewhere). Endpoints without the metadata are the plain
/// listener's only (the developer dashboard).
/// </summary>
public sealed class HostMatcherPolicy(IOptions<ImpersonationOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => options.Value.Enabled;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var host = httpContext.MetaHostOf();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var served = candidates[i].Endpoint.Metadata.GetMetadata<ServedOnMetadata>();
            var valid = host is { } meta ? served?.Hosts.Contains(meta) == true : served?.OnPlainListener ?? true;
            if (!valid)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
