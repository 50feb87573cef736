using Pictograph.Graph.Errors;

namespace Pictograph.Insights;

/// <summary>The errors of the two insights edges, worded as the Graph API words them where known.</summary>
public static class InsightErrors
{
    /// <summary>A value outside a parameter's enum: <c>(#100) metric[2] must be one of the following values: …</c>.</summary>
    public static GraphException NotOneOf(string parameter, int? index, IEnumerable<string> values) =>
        GraphErrors.InvalidParameter($"{parameter}{(index is { } i ? $"[{i}]" : "")} must be one of the following values: {string.Join(", ", values)}");

    /// <summary>Retired from every version on 2025-04-21 (v22.0 first).</summary>
    public static GraphException Deprecated(string metric) =>
        GraphErrors.InvalidParameter($"Starting from v22.0, the {metric} metric is no longer supported. Please use views instead.");

    public static GraphException MetricTypeRequired(IEnumerable<string> metrics, string metricType) =>
        GraphErrors.InvalidParameter($"The following metrics ({string.Join(", ", metrics)}) should be specified with parameter metric_type={metricType}");

    public static GraphException IncompatiblePeriod(string metric, string period, IEnumerable<string> periods) =>
        GraphErrors.InvalidParameter($"Incompatible period ({period}) for metric ({metric}); supported: {string.Join(", ", periods)}");

    /// <summary>The reference: an unsupported metric/breakdown combination answers the generic code 1.</summary>
    public static GraphException UnsupportedBreakdown() => new(new GraphError(1, "An unknown error has occurred."));

    public static GraphException RangeTooLong() =>
        GraphErrors.InvalidParameter("There cannot be more than 30 days (2592000 s) between since and until");

    public static GraphException SinceAfterUntil() => GraphErrors.InvalidParameter("The since parameter must be earlier than until");

    /// <summary>follower_count and online_followers only cover the last 30 days.</summary>
    public static GraphException OlderThan30Days(string metric) =>
        GraphErrors.InvalidParameter($"The {metric} metric is only available for the last 30 days");

    /// <summary>follower_count and online_followers need 100 followers, as story metrics need 5 viewers.</summary>
    public static GraphException NotEnoughFollowers() => new(new GraphError(10, "(#10) Not enough followers for the account to show insights"));

    public static GraphException NotEnoughViewers() => new(new GraphError(10, "(#10) Not enough viewers for the media to show insights"));

    public static GraphException NotForProductType(string metric) =>
        GraphErrors.InvalidParameter($"The Media Insights API does not support the {metric} metric for this media product type.");

    public static GraphException AlbumChild() =>
        GraphErrors.InvalidParameter("The Media Insights API does not support media that is part of a carousel album. Request insights on the album instead.");

    /// <summary>A metric of the API that needs data this server does not record (watch time, cross-posting, Threads).</summary>
    public static GraphException NotServed(string metric) =>
        new(new GraphError(3, $"(#3) The {metric} metric is not available yet on this server"));

    public static GraphException FacebookLoginOnly(string metric) =>
        GraphErrors.InvalidParameter($"The {metric} metric is only available with Facebook Login");

    public static GraphException TimeframeRequired(string metric) =>
        GraphErrors.InvalidParameter($"The parameter timeframe is required for the metric {metric}");

    public static GraphException TimeframeRetired(string timeframe) =>
        GraphErrors.InvalidParameter($"The timeframe {timeframe} is not supported for demographic metrics from v20.0; use this_week or this_month");

    public static GraphException BreakdownRequired(string metric) =>
        GraphErrors.InvalidParameter($"The metric {metric} requires a breakdown: age, city, country or gender");

    public static GraphException BreakdownNeedsTotalValue() =>
        GraphErrors.InvalidParameter("Breakdowns are only supported with metric_type=total_value");
}
