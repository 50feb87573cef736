using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Jobs;
using Pictograph.Webhooks;

namespace Pictograph.Control.Webhooks;

/// <summary>
/// <c>/_pictograph/webhooks/test</c> sends a sample event of a field to an app's callback (the App Dashboard's
/// "Test" button); <c>/_pictograph/webhooks/deliveries/{id}/replay</c> sends a logged delivery's body again, as a
/// new delivery with its own attempts and retries.
/// </summary>
public sealed class WebhookControlEndpoints(IDbContextFactory<PictographDb> dbFactory, IdAllocator ids, JobQueue queue, TimeProvider clock) : IControlEndpoints
{
    /// <summary>app_id; field (any subscribable field); account_id (optional: entry.id is "0" without one); value (optional: replaces the sample).</summary>
    public sealed record TestDelivery(
        [property: JsonPropertyName("app_id")] JsonElement AppId,
        string? Field,
        [property: JsonPropertyName("account_id")] JsonElement? AccountId,
        JsonElement? Value);

    public sealed record Queued([property: JsonPropertyName("delivery_id")] string DeliveryId);

    public void Map(RouteGroupBuilder control)
    {
        var group = control.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/test", TestAsync)
            .WithSummary("Sends a sample event of a field (or the value given) to the app's instagram callback, signed with its secret.");
        group.MapPost("/deliveries/{id}/replay", ReplayAsync)
            .WithSummary("Sends a logged delivery's exact body again, as a new delivery.");
    }

    private async Task<IResult> TestAsync(TestDelivery body, CancellationToken cancellationToken)
    {
        if (!TryId(body.AppId, out var appId))
        {
            return ControlProblems.BadRequest("app_id must be an app's id.");
        }

        long accountId = 0;
        if (body.AccountId is { ValueKind: not JsonValueKind.Null } account && !TryId(account, out accountId))
        {
            return ControlProblems.BadRequest("account_id must be an Instagram account's id.");
        }

        if (body.Field is not { } field || !WebhookFields.IsSubscribable(field))
        {
            return ControlProblems.BadRequest($"field must be one of {string.Join(", ", WebhookFields.All)}.");
        }

        if (body.Value is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return ControlProblems.BadRequest("value must be a JSON object.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await WebhookSubscriptions.FindAsync(db, appId, cancellationToken).ConfigureAwait(false) is not { Active: true })
        {
            return ControlProblems.Conflict($"App {appId} has no active instagram subscription (a callback URL) to send to.");
        }

        if (accountId != 0 && !await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken).ConfigureAwait(false))
        {
            return ControlProblems.NotFound($"There is no Instagram account {accountId}.");
        }

        var now = clock.GetUtcNow();
        var value = body.Value is { ValueKind: JsonValueKind.Object } given ? given : (JsonElement?)null;
        var payload = await TestDeliveries.PayloadAsync(db, field, accountId, value, now.ToUnixTimeSeconds(), cancellationToken).ConfigureAwait(false);
        if (payload is null)
        {
            return ControlProblems.BadRequest($"There is no sample of {field}; give its value.");
        }

        var id = await WebhookDeliveries.AddPayloadAsync(db, ids, queue, appId, field, payload, now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        queue.Wake();
        return TypedResults.Accepted((string?)null, new Queued(id.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task<IResult> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var deliveryId))
        {
            return ControlProblems.BadRequest($"'{id}' is not a delivery id.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var logged = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        if (logged is null)
        {
            return ControlProblems.NotFound($"There is no delivery {deliveryId}.");
        }

        var replay = await WebhookDeliveries.AddPayloadAsync(db, ids, queue, logged.AppId, logged.Field, logged.Payload, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        queue.Wake();
        return TypedResults.Accepted((string?)null, new Queued(replay.ToString(CultureInfo.InvariantCulture)));
    }

    private static bool TryId(JsonElement value, out long id)
    {
        id = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id) && id > 0,
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0,
            _ => false,
        };
    }
}
