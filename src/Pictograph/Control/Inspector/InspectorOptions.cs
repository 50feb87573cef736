using System.ComponentModel.DataAnnotations;

namespace Pictograph.Control.Inspector;

/// <summary>Inspector settings, in the control API's section ("Pictograph:Control").</summary>
public sealed class InspectorOptions
{
    /// <summary>How many recent requests the inspector keeps (older ones make room); 0 keeps none.</summary>
    [Range(0, 1_000_000)]
    public int InspectorRequests { get; set; } = 1000;
}
