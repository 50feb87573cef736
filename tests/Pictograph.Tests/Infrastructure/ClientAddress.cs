using System.Net;
using System.Net.Sockets;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// HTTP handlers whose connections come from a chosen loopback address (all of 127.0.0.0/8 is this
/// machine), so tests can be clients at several addresses against the one server.
/// </summary>
public static class ClientAddress
{
    /// <summary>The <paramref name="n"/>th test address: 127.0.0.(n + 2), never the default 127.0.0.1.</summary>
    public static IPAddress Loopback(int n) => new([127, 0, 0, checked((byte)(n + 2))]);

    public static SocketsHttpHandler Handler(IPAddress? from, CookieContainer cookies)
    {
        var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}
