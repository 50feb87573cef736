using System.Text.Json;
using Pictograph.Graph.Execution;

namespace Pictograph.Insights;

/// <summary>One point of a time series; <see cref="Hours"/> replaces the number for online_followers ({"0": n, …, "23": n}).</summary>
public sealed record InsightPoint(long Value, long? EndTime, IReadOnlyDictionary<int, long>? Hours = null);

/// <summary>One row of a breakdown: the dimension values in <see cref="InsightBreakdown.Keys"/> order, and the value.</summary>
public sealed record InsightResult(IReadOnlyList<string> Values, long Value);

public sealed record InsightBreakdown(IReadOnlyList<string> Keys, IReadOnlyList<InsightResult> Results);

/// <summary>A total over the range; <see cref="Value"/> is null for demographics, which carry breakdowns only.</summary>
public sealed record InsightTotal(long? Value, IReadOnlyList<InsightBreakdown> Breakdowns);

/// <summary>One item of <c>data</c> (an InstagramInsightsResult).</summary>
public sealed record InsightRow(string Name, string Period, string Title, string Description, string Id, IReadOnlyList<InsightPoint>? Values, InsightTotal? Total);

/// <summary>Writes insights answers in the Graph API's shape and order.</summary>
public static class InsightJson
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<InsightRow> rows, (string Previous, string Next)? paging)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var row in rows)
        {
            WriteRow(w, row);
        }

        w.WriteEndArray();
        if (paging is { } links)
        {
            w.WriteStartObject("paging");
            w.WriteString("previous", links.Previous);
            w.WriteString("next", links.Next);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter w, InsightRow row)
    {
        w.WriteStartObject();
        w.WriteString("name", row.Name);
        w.WriteString("period", row.Period);
        if (row.Values is { } values)
        {
            w.WriteStartArray("values");
            foreach (var point in values)
            {
                w.WriteStartObject();
                w.WritePropertyName("value");
                if (point.Hours is { } hours)
                {
                    w.WriteStartObject();
                    foreach (var (hour, count) in hours)
                    {
                        w.WriteNumber(hour.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
                    }

                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNumberValue(point.Value);
                }

                if (point.EndTime is { } end)
                {
                    w.WriteString("end_time", GraphJson.Timestamp(DateTimeOffset.FromUnixTimeSeconds(end)));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteString("title", row.Title);
        w.WriteString("description", row.Description);
        if (row.Total is { } total)
        {
            w.WriteStartObject("total_value");
            if (total.Value is { } value)
            {
                w.WriteNumber("value", value);
            }

            if (total.Breakdowns.Count > 0)
            {
                w.WriteStartArray("breakdowns");
                foreach (var breakdown in total.Breakdowns)
                {
                    w.WriteStartObject();
                    WriteStrings(w, "dimension_keys", breakdown.Keys);
                    w.WriteStartArray("results");
                    foreach (var result in breakdown.Results)
                    {
                        w.WriteStartObject();
                        WriteStrings(w, "dimension_values", result.Values);
                        w.WriteNumber("value", result.Value);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteString("id", row.Id);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
