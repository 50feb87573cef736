namespace Pictograph.Control.Faults;

/// <summary>What a request looks like to the rules; <see cref="Caller"/> is known at the Graph stage only.</summary>
/// <param name="Host">The host the client used: the Meta host on the TLS listener, else the Host header's name.</param>
public readonly record struct FaultRequest(string Method, string Path, string Host, string? HostWithPort, FaultCaller? Caller);

/// <summary>Whom a Graph call is for: its app, the users it acts for (the subject, and a Page token's user) and the token.</summary>
public sealed record FaultCaller(long AppId, IReadOnlyList<long> UserIds, string Token);
