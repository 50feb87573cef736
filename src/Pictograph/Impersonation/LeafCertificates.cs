using System.Collections.Concurrent;
using System.Net.Security;
using Pictograph.Control.Clock;

namespace Pictograph.Impersonation;

/// <summary>
/// The TLS listener's certificates, one per Meta host name, chosen by the name the client sends (SNI).
/// Each is short-lived and issued again by the next handshake once it nears its end, by real time (the
/// clients check certificates against theirs, so the control API's moved clock must not date them).
/// </summary>
public sealed class LeafCertificates(CertificateAuthority authority, ControlClock controlClock)
{
    private readonly TimeProvider _clock = controlClock.Base;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A leaf with less than this left is replaced.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(2);

    /// <summary>Allowance for clients whose clock is a little behind.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Leaf> _leaves = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _issuing = new();

    /// <summary>The chain (leaf and CA) for a handshake; a name that is not a Meta host gets graph.facebook.com's, which its client then refuses.</summary>
    public SslStreamCertificateContext For(string? serverName)
    {
        var name = MetaHosts.TryFind(serverName, out var host) ? MetaHosts.NameOf(host) : MetaHosts.NameOf(MetaHost.GraphFacebook);
        var now = _clock.GetUtcNow();
        if (_leaves.TryGetValue(name, out var leaf) && leaf.RenewAt > now)
        {
            return leaf.Context;
        }

        lock (_issuing)
        {
            if (_leaves.TryGetValue(name, out leaf) && leaf.RenewAt > now)
            {
                return leaf.Context;
            }

            var certificate = authority.Issue(name, now - Backdate, now + Lifetime);
            leaf = new Leaf(SslStreamCertificateContext.Create(certificate, [authority.Certificate], offline: true), now + Lifetime - RenewBefore);
            _leaves[name] = leaf;
            return leaf.Context;
        }
    }

    private sealed record Leaf(SslStreamCertificateContext Context, DateTimeOffset RenewAt);
}
