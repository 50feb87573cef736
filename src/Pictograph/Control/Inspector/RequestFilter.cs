using System.Globalization;

namespace Pictograph.Control.Inspector;

/// <summary>
/// Which kept requests to show: by app, by status (<c>404</c>) or status class (<c>4xx</c>), by path prefix,
/// only those after a sequence number, at most <see cref="Limit"/>. <see cref="Apps"/> narrows to some apps (the
/// dashboard shows a developer their own apps' calls, and calls no app is known for).
/// </summary>
public sealed record RequestFilter(long? AppId = null, int? Status = null, int? StatusClass = null, string? PathPrefix = null, long? After = null, int Limit = RequestFilter.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public IReadOnlySet<long>? Apps { get; init; }

    public bool Matches(InspectedRequest request) =>
        (AppId is not { } app || request.AppId == app.ToString(CultureInfo.InvariantCulture))
        && (Apps is null || request.AppId is null || Apps.Contains(long.Parse(request.AppId, CultureInfo.InvariantCulture)))
        && (Status is not { } status || request.Status == status)
        && (StatusClass is not { } hundreds || request.Status / 100 == hundreds)
        && (PathPrefix is not { } prefix || request.Path.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The filter a query string asks for, or what is wrong with it.</summary>
    public static (RequestFilter? Filter, string? Problem) Parse(IQueryCollection query)
    {
        var filter = new RequestFilter();
        if (query["app_id"].ToString() is { Length: > 0 } app)
        {
            if (!long.TryParse(app, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return (null, "app_id must be an app id (digits).");
            }

            filter = filter with { AppId = id };
        }

        if (query["status"].ToString() is { Length: > 0 } status)
        {
            if (status.Length == 3 && status[0] is >= '1' and <= '5' && status[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
            {
                filter = filter with { StatusClass = status[0] - '0' };
            }
            else if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 999)
            {
                filter = filter with { Status = code };
            }
            else
            {
                return (null, "status must be an HTTP status (404), a class (4xx), or 0 for dropped connections.");
            }
        }

        if (query["path"].ToString() is { Length: > 0 } path)
        {
            filter = filter with { PathPrefix = path };
        }

        if (query["after"].ToString() is { Length: > 0 } after)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return (null, "after must be a sequence number from an earlier answer.");
            }

            filter = filter with { After = sequence };
        }

        if (query["limit"].ToString() is { Length: > 0 } limit)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxLimit)
            {
                return (null, $"limit must be a whole number from 1 to {MaxLimit}.");
            }

            filter = filter with { Limit = count };
        }

        return (filter, null);
    }
}
