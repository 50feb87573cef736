namespace Pictograph.Control;

/// <summary>The control API's settings, bound from "Pictograph:Control".</summary>
public sealed class ControlOptions
{
    public const string Section = "Pictograph:Control";

    /// <summary>The header that carries <see cref="Key"/>.</summary>
    public const string KeyHeader = "X-Pictograph-Control-Key";

    /// <summary>False turns the control API off everywhere.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// When set, every control call must send it in <see cref="KeyHeader"/>, from any address. When empty, the
    /// control API answers only calls from loopback to a loopback listener (a developer's own machine).
    /// </summary>
    public string? Key { get; set; }

    /// <summary>The largest snapshot archive the control API accepts as an upload.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_048_576)]
    public int SnapshotUploadMegabytes { get; set; } = 4096;
}
