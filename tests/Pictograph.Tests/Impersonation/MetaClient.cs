using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Impersonation;

/// <summary>
/// A client of the TLS listener as an unmodified Instagram client sees it: every Meta host name resolves to
/// the listener, and the only trusted root is the CA the server exported (checked at the server's clock).
/// </summary>
public static class MetaClient
{
    public static readonly string[] Arguments = ["--Pictograph:Impersonation:Enabled=true", "--Pictograph:Impersonation:Port=0"];

    public static IPEndPoint TlsEndpoint(this PictographServer server)
    {
        var https = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("https:", StringComparison.Ordinal));
        var uri = new Uri(https);
        return new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
    }

    /// <summary>The exported CA certificate (data/tls/ca.pem).</summary>
    public static X509Certificate2 ExportedCa(this PictographServer server) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(server.DataDirectory, "tls", "ca.pem")));

    public static HttpClient CreateMetaClient(this PictographServer server)
    {
        var endpoint = server.TlsEndpoint();
        var ca = server.ExportedCa();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is not null && TrustsOnly(ca, new X509Certificate2(certificate), server.Clock.GetUtcNow(), errors);
        return new HttpClient(handler);
    }

    /// <summary>A TLS handshake with one server name; the certificate the listener chose for it.</summary>
    public static async Task<X509Certificate2> HandshakeAsync(this PictographServer server, string serverName)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.TlsEndpoint());
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = new X509Certificate2(certificate!);
                return true;
            },
        });
        return presented!;
    }

    /// <summary>The name matches and the chain ends at <paramref name="ca"/>, not at any system root.</summary>
    public static bool TrustsOnly(X509Certificate2 ca, X509Certificate2 leaf, DateTimeOffset at, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(leaf);
    }
}
