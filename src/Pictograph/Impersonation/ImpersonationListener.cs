using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Pictograph.Impersonation;

/// <summary>
/// With impersonation on, Kestrel gets two kinds of listener: the plain ones the <c>urls</c> setting names
/// (code-defined listeners replace that setting, so they are declared here from it) and the TLS listener
/// that answers as Meta's hosts, with a certificate chosen per host name.
/// </summary>
public sealed class ImpersonationListener(IOptions<ImpersonationOptions> options, IConfiguration configuration, IServiceProvider services)
    : IConfigureOptions<KestrelServerOptions>
{
    private const string DefaultUrls = "http://localhost:5000";

    private ListenOptions? _tls;

    /// <summary>Where the TLS listener is bound (its port once bound, when 0 was asked for); null when impersonation is off.</summary>
    public IPEndPoint? Endpoint => _tls?.IPEndPoint;

    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        foreach (var url in (configuration["urls"] ?? DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ListenPlain(kestrel, BindingAddress.Parse(url));
        }

        kestrel.Listen(IPAddress.Parse(settings.Address), settings.Port, listen =>
        {
            _tls = listen;
            var certificates = services.GetRequiredService<LeafCertificates>();
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificates.For(context.ClientHelloInfo.ServerName),
                    ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                }),
            });
        });
    }

    private static void ListenPlain(KestrelServerOptions kestrel, BindingAddress url)
    {
        if (url.Scheme != "http")
        {
            throw new InvalidOperationException($"The plain listener must be http, not {url}: the TLS listener is the one that answers as Meta's hosts.");
        }

        if (string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(url.Port);
        }
        else if (IPAddress.TryParse(url.Host, out var ip))
        {
            kestrel.Listen(ip, url.Port);
        }
        else
        {
            kestrel.ListenAnyIP(url.Port);
        }
    }
}
