using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Insights;

/// <summary>
/// Which views count, as a real service counts them: one per viewer (the signed-in account, else the client
/// address; an IPv6 address by its /64 network) per post and <see cref="PictographOptions.ViewWindow"/>, and at
/// most <see cref="PictographOptions.AnonymousViewsPerAddress"/> anonymous views per address and window. So
/// reloading a page or a file, or walking every post from one address, cannot inflate <c>views</c>.
/// Windows are fixed and follow the injected clock; what was counted is kept in a bounded cache (when it is
/// full, the least recently used entries go first, and such a viewer may count again).
/// </summary>
public sealed class ViewCounting(IOptions<PictographOptions> options, TimeProvider clock) : IDisposable
{
    private const long Capacity = 200_000;

    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public bool Counts(long mediaId, long? viewerId, IPAddress? address)
    {
        var settings = options.Value;
        var length = settings.ViewWindow;
        var window = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)length.TotalMilliseconds;
        var viewer = viewerId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "ip:" + Network(address);
        if (Add(string.Create(CultureInfo.InvariantCulture, $"view:{mediaId}:{viewer}"), window, length) > 1)
        {
            return false;
        }

        return viewerId is not null || Add("anonymous:" + viewer, window, length) <= settings.AnonymousViewsPerAddress;
    }

    public void Dispose() => _seen.Dispose();

    /// <summary>Counts one more under <paramref name="key"/> in <paramref name="window"/> and returns the count.</summary>
    private long Add(string key, long window, TimeSpan length)
    {
        var tally = _seen.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            // Only for eviction: the window number decides what counts.
            entry.SlidingExpiration = length;
            return new Tally();
        })!;
        lock (tally)
        {
            if (tally.Window != window)
            {
                tally.Window = window;
                tally.Count = 0;
            }

            return ++tally.Count;
        }
    }

    /// <summary>An IPv4 address as it is; an IPv6 address by its /64 network, which one host can fill with addresses.</summary>
    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class Tally
    {
        public long Window { get; set; } = long.MinValue;

        public long Count { get; set; }
    }
}
