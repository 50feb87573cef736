using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Jobs;

namespace Pictograph.Webhooks;

/// <summary>
/// Turns one change into deliveries: one per app that subscribed the field and that the account enabled,
/// each a <see cref="WebhookDelivery"/> row with its exact body plus the job that sends it, both added to the
/// caller's context so they commit with the change that caused them. One delivery per change (no batching).
/// </summary>
public static class WebhookDeliveries
{
    // As the Graph API's own answers: UTF-8 text as is, so the signature covers the very bytes of the text.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The job kind that sends one delivery.</summary>
    public const string JobKind = "webhooks.deliver";

    /// <summary>The job's payload: which delivery to send.</summary>
    public sealed record Job(long Delivery);

    /// <summary>Apps that get <paramref name="field"/> for each of <paramref name="accountIds"/>: an active app subscription with the field, and the account's own.</summary>
    public static async Task<IReadOnlyList<(long AccountId, long AppId)>> TargetsAsync(PictographDb db, IReadOnlyCollection<long> accountIds, string field, CancellationToken cancellationToken)
    {
        var rows = new List<Subscribed>();
        await foreach (var row in Subscriptions(db, [.. accountIds]).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return [.. rows
            .Where(r => WebhookFields.Contains(r.AccountFields, field) && WebhookFields.Contains(r.AppFields, field))
            .OrderBy(r => r.AppId)
            .Select(r => (r.AccountId, r.AppId))];
    }

    // Compiled: every comment, mention and story asks it, and EF Core's per-query work costs more than the query.
    private static readonly Func<PictographDb, long[], IAsyncEnumerable<Subscribed>> Subscriptions =
        EF.CompileAsyncQuery((PictographDb db, long[] accountIds) => db.AccountSubscriptions.AsNoTracking()
            .Where(a => accountIds.Contains(a.AccountId))
            .Join(db.WebhookSubscriptions.Where(s => s.Object == WebhookFields.Object && s.Active), a => a.AppId, s => s.AppId,
                (a, s) => new Subscribed(a.AccountId, a.AppId, a.Fields, s.Fields)));

    private sealed record Subscribed(long AccountId, long AppId, string AccountFields, string AppFields);

    /// <summary>Adds the delivery of one change of <paramref name="accountId"/> to <paramref name="appId"/>; <paramref name="time"/> is unix seconds.</summary>
    public static Task AddAsync(PictographDb db, IdAllocator ids, JobQueue queue, long appId, long accountId, string field, Action<Utf8JsonWriter> writeValue, long time, CancellationToken cancellationToken) =>
        AddPayloadAsync(db, ids, queue, appId, field, Envelope(accountId, field, writeValue, time), DateTimeOffset.FromUnixTimeSeconds(time), cancellationToken);

    /// <summary>Adds the delivery of an exact body (a test delivery, a replay); returns its id.</summary>
    public static async Task<long> AddPayloadAsync(PictographDb db, IdAllocator ids, JobQueue queue, long appId, string field, string payload, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The id is known before saving, so the job can name its delivery in the same SaveChanges.
        var id = await ids.NextAsync(IdCounter.WebhookDelivery, cancellationToken).ConfigureAwait(false);
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = id,
            AppId = appId,
            Object = WebhookFields.Object,
            Field = field,
            Payload = payload,
            State = DeliveryState.Pending,
            CreatedAt = at.ToUnixTimeMilliseconds(),
        });
        queue.Enqueue(db, JobKind, new Job(id), at);
        return id;
    }

    /// <summary><c>{"object":"instagram","entry":[{"id":…,"time":…,"changes":[{"field":…,"value":…}]}]}</c></summary>
    public static string Envelope(long accountId, string field, Action<Utf8JsonWriter> writeValue, long time)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("object", WebhookFields.Object);
            writer.WriteStartArray("entry");
            writer.WriteStartObject();
            writer.WriteString("id", accountId.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("time", time);
            writer.WriteStartArray("changes");
            writer.WriteStartObject();
            writer.WriteString("field", field);
            writer.WritePropertyName("value");
            writeValue(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
