using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Pictograph.Impersonation;

/// <summary>
/// The server's own fetches (a <c>media_url</c> it wrote, given back as an <c>image_url</c>) reach the Meta
/// hosts it answers as at its own TLS listener and trust its own CA, so it never asks DNS or the internet.
/// </summary>
public sealed class OwnHosts(ImpersonationListener listener, IServiceProvider services)
{
    /// <summary>Where a Meta host name connects when the TLS listener is up.</summary>
    public bool TryResolve(string host, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (listener.Endpoint is not { } bound || !MetaHosts.TryFind(host, out _))
        {
            return false;
        }

        var address = bound.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : bound.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : bound.Address;
        endpoint = new IPEndPoint(address, bound.Port);
        return true;
    }

    /// <summary>A certificate the system does not trust passes when it chains to this server's own CA.</summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || listener.Endpoint is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(services.GetRequiredService<CertificateAuthority>().Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = services.GetRequiredService<Pictograph.Control.Clock.ControlClock>().Base.GetUtcNow().UtcDateTime;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
