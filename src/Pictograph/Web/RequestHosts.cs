using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;
using Pictograph.Hosting;
using Pictograph.Impersonation;

namespace Pictograph.Web;

/// <summary>
/// Which host a request is for, before anything else runs: X-Forwarded-* from the configured proxies only
/// (ASP.NET Core's forwarded-headers middleware), then on the TLS listener the Meta host it was sent to, and
/// on the plain listener a Host the server answers to. Links in answers carry that host, so a Host header
/// of the client's choosing (with a token in a paging link) is refused, not echoed.
/// </summary>
public static class RequestHosts
{
    public static IServiceCollection AddRequestHosts(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PictographOptions>>((forwarded, pictograph) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback; only what the operator names is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in pictograph.Value.TrustedProxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        return services;
    }

    public static WebApplication UseRequestHosts(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PictographOptions>>().Value;
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        var allowed = new PlainHosts(options);
        app.Use((http, next) =>
        {
            if (http.Features.Get<ITlsConnectionFeature>() is not null)
            {
                if (!MetaHosts.TryFind(http.Request.Host.Host, out var host))
                {
                    return RefuseAsync(http, $"this listener answers as {string.Join(", ", MetaHosts.AllNames)} only");
                }

                http.Features.Set(new MetaHostFeature(host));
                return next(http);
            }

            return allowed.Allow(http) ? next(http) : RefuseAsync(http, "add it to the setting Pictograph:AllowedHosts to answer to it");
        });
        return app;
    }

    private static Task RefuseAsync(HttpContext http, string why)
    {
        var host = http.Request.Host.Value ?? "";
        var shown = host.Length > 100 ? host[..100] + "…" : host;
        var error = GraphErrors.InvalidParameter($"The Host header '{shown}' is not a host this server answers to: {why}").Error;
        return GraphResponses.Error(error).ExecuteAsync(http);
    }

    /// <summary>The plain listener's hosts: loopback, the address the client connected to, the public base URL's host, and the configured names.</summary>
    private sealed class PlainHosts
    {
        private readonly bool _any;
        private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _suffixes = [];

        public PlainHosts(PictographOptions options)
        {
            foreach (var name in options.AllowedHosts)
            {
                if (name == "*")
                {
                    _any = true;
                }
                else if (name.StartsWith("*.", StringComparison.Ordinal))
                {
                    _suffixes.Add(name[1..]);
                }
                else
                {
                    _names.Add(name);
                }
            }

            if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase))
            {
                _names.Add(publicBase.Host);
            }
        }

        public bool Allow(HttpContext http)
        {
            var host = http.Request.Host.Host;
            if (_any || host.Length == 0 || _names.Contains(host) || IsLocalName(host))
            {
                return true;
            }

            if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
            {
                // An address literal names where the client connected: it cannot point a link anywhere else.
                var local = http.Connection.LocalIpAddress;
                return IPAddress.IsLoopback(address) || (local is not null && Normal(local).Equals(Normal(address)));
            }

            return _suffixes.Exists(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsLocalName(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

        private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
