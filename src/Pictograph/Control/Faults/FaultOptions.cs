namespace Pictograph.Control.Faults;

/// <summary>Fault rule settings, in the control API's section ("Pictograph:Control").</summary>
public sealed class FaultOptions
{
    /// <summary>Seeds the draw of rules with a probability, so a test run gets the same faults every time; unset draws at random.</summary>
    public int? FaultSeed { get; set; }
}
