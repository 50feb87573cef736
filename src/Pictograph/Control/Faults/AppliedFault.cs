namespace Pictograph.Control.Faults;

/// <summary>Set on a request a fault rule applied to, so the inspector can say which.</summary>
public sealed record AppliedFault(string RuleId, bool Dropped);
