using System.Globalization;
using System.Text;

namespace Pictograph.Data.Rows;

/// <summary>Ids as one JSON array parameter, which <c>json_each</c> reads, so a statement's text never depends on how many ids it gets.</summary>
public static class IdList
{
    public static string Json(IEnumerable<long> ids)
    {
        var text = new StringBuilder("[");
        foreach (var id in ids)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
