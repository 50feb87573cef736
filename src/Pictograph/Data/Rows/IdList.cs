using System.Text.Json;

namespace Pictograph.Data.Rows;

/// <summary>Ids as one JSON array parameter, which <c>json_each</c> reads, so a statement's text never depends on how many ids it gets.</summary>
public static class IdList
{
    public static string Json(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);
}
