using System.Net;
using System.Net.Sockets;
using Pictograph.Impersonation;

namespace Pictograph.Net;

/// <summary>
/// An HttpClient for URLs that callers hand us. Every connection resolves the host itself and connects
/// only to an address the <see cref="AddressPolicy"/> allows, so DNS tricks and redirects to private
/// networks fail at connect time. Redirects are not followed automatically: callers re-check each hop.
/// </summary>
public static class SafeHttp
{
    /// <param name="own">When given, the Meta host names this server answers as connect to its own TLS listener.</param>
    public static HttpClient CreateClient(AddressPolicy policy, TimeSpan connectTimeout, TimeSpan totalTimeout, OwnHosts? own = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = connectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                if (own is not null && own.TryResolve(context.DnsEndPoint.Host, out var self))
                {
                    return await ConnectAsync(self.Address, self.Port, cancellationToken).ConfigureAwait(false);
                }

                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                var address = addresses.FirstOrDefault(policy.IsAllowed)
                    ?? throw new BlockedAddressException(context.DnsEndPoint.Host);
                return await ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            },
        };
        if (own is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => own.Accepts(certificate, errors);
        }

        return new HttpClient(handler) { Timeout = totalTimeout };
    }

    private static async Task<Stream> ConnectAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Only absolute http(s) URLs with a host are fetched at all.</summary>
    public static bool IsFetchable(string? url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo);
}

/// <summary>The host resolved only to addresses the policy refuses (private, loopback, link-local…).</summary>
public sealed class BlockedAddressException(string host) : HttpRequestException($"Connections to {host} are not allowed: it resolves to a private or reserved address.");
