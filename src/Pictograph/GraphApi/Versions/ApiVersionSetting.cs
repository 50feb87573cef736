namespace Pictograph.GraphApi.Versions;

/// <summary>One Graph API version of the <c>ApiVersions</c> setting: when it came out and until when it answers.</summary>
public sealed class ApiVersionSetting
{
    public DateOnly? Released { get; set; }

    /// <summary>From this day (00:00 UTC) on, the next version still available answers its calls; empty: no end yet.</summary>
    public DateOnly? AvailableUntil { get; set; }

    /// <summary>Meta's published table (Graph API changelog, late 2026), fresh objects for each options instance.</summary>
    public static Dictionary<string, ApiVersionSetting> MetaTable() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["v17.0"] = Of(2023, 5, 23, until: new(2025, 9, 12)),
        ["v18.0"] = Of(2023, 9, 12, until: new(2026, 1, 26)),
        ["v19.0"] = Of(2024, 1, 23, until: new(2026, 5, 21)),
        ["v20.0"] = Of(2024, 5, 21, until: new(2026, 9, 24)),
        ["v21.0"] = Of(2024, 10, 2, until: new(2027, 1, 21)),
        ["v22.0"] = Of(2025, 1, 21, until: new(2027, 5, 20)),
        ["v23.0"] = Of(2025, 5, 29, until: new(2027, 10, 8)),
        ["v24.0"] = Of(2025, 10, 8, until: new(2028, 2, 18)),
        ["v25.0"] = Of(2026, 2, 18, until: new(2028, 7, 29)),
        ["v26.0"] = Of(2026, 7, 29, until: null),
    };

    private static ApiVersionSetting Of(int year, int month, int day, DateOnly? until) =>
        new() { Released = new DateOnly(year, month, day), AvailableUntil = until };
}
