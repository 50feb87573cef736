using System.Net;
using System.Net.Sockets;

namespace Pictograph.Net;

/// <summary>
/// Which addresses the server may connect to when it fetches a URL it was given (media to publish,
/// callbacks): public addresses only, unless a network is explicitly allowed (e.g. 127.0.0.0/8 for a
/// developer's local server).
/// </summary>
public sealed class AddressPolicy(IEnumerable<string> allowed)
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local, cloud metadata (169.254.169.254)
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("2001:db8::/32"),
    ];

    private readonly IPNetwork[] _allowed = [.. allowed.Select(IPNetwork.Parse)];

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_allowed.Any(n => n.Contains(address)))
        {
            return true;
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            && !Blocked.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }
}
