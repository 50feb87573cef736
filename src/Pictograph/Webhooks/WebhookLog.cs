using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Webhooks;

/// <summary>One delivery as the log shows it, with its attempts oldest first.</summary>
public sealed record LoggedDelivery(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts)
{
    public WebhookAttempt? Last => Attempts.Count == 0 ? null : Attempts[^1];
}

/// <summary>An app's deliveries, newest first, for the dashboard and <c>webhooks log</c>.</summary>
public static class WebhookLog
{
    public const int MaxListed = 500;

    public static async Task<IReadOnlyList<LoggedDelivery>> NewestAsync(PictographDb db, long appId, int limit, CancellationToken cancellationToken)
    {
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.AppId == appId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, MaxListed))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking()
            .Where(a => ids.Contains(a.DeliveryId))
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToLookup(a => a.DeliveryId);
        return [.. deliveries.Select(d => new LoggedDelivery(d, [.. attempts[d.Id]]))];
    }
}
