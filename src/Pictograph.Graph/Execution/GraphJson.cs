using System.Globalization;

namespace Pictograph.Graph.Execution;

/// <summary>The Graph API's text forms for ids and times.</summary>
public static class GraphJson
{
    /// <summary>Ids are always JSON strings of the decimal number.</summary>
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with the offset written "+0000", e.g. 2024-05-01T12:00:00+0000.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'+0000'", CultureInfo.InvariantCulture);
}
