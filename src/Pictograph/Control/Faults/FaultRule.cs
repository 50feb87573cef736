using System.Text.RegularExpressions;
using Pictograph.Graph.Errors;

namespace Pictograph.Control.Faults;

/// <summary>What a fault rule looks at; every criterion given must hold (none given matches every request).</summary>
public sealed record FaultMatch(string? Method, string? Path, Regex? PathPattern, string? Host, long? AppId, long? UserId, string? Token)
{
    /// <summary>App, user and token are known only once a Graph call's token is read.</summary>
    public bool NeedsCaller => AppId is not null || UserId is not null || Token is not null;
}

/// <summary>
/// One fault rule as accepted from the control API or a fixture: when a request matches, answer it with
/// <see cref="Error"/>, or drop the connection, after <see cref="Latency"/>; with <see cref="Probability"/>,
/// and for the next <see cref="Times"/> matches only when that is set.
/// </summary>
public sealed record FaultRule(string Id, FaultMatch Match, GraphError? Error, bool Drop, TimeSpan? Latency, double Probability, int? Times);
