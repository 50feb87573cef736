using Pictograph.Graph.Mutations;

namespace Pictograph.Insights;

/// <summary>Reads the list and enum parameters of the insights edges (metric, period, breakdown…).</summary>
public static class InsightParameters
{
    /// <summary>A required list whose every value is one of <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> RequiredList(GraphArguments arguments, string name, IReadOnlyList<string> allowed, Action<string>? before = null)
    {
        var values = arguments.List(name);
        if (values.Count == 0)
        {
            arguments.Required(name);
        }

        Check(name, values, allowed, before);
        return values;
    }

    /// <summary>An optional list whose every value is one of <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> OptionalList(GraphArguments arguments, string name, IReadOnlyList<string> allowed)
    {
        var values = arguments.List(name);
        Check(name, values, allowed, null);
        return values;
    }

    /// <summary>An optional single value of <paramref name="allowed"/>.</summary>
    public static string? Optional(GraphArguments arguments, string name, IReadOnlyList<string> allowed)
    {
        var value = arguments[name]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return allowed.Contains(value, StringComparer.Ordinal) ? value : throw InsightErrors.NotOneOf(name, null, allowed);
    }

    private static void Check(string name, IReadOnlyList<string> values, IReadOnlyList<string> allowed, Action<string>? before)
    {
        for (var i = 0; i < values.Count; i++)
        {
            before?.Invoke(values[i]);
            if (!allowed.Contains(values[i], StringComparer.Ordinal))
            {
                throw InsightErrors.NotOneOf(name, i, allowed);
            }
        }
    }
}
