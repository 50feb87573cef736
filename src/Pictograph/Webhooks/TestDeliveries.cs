using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Webhooks;

/// <summary>
/// The body of a test delivery, as the App Dashboard's "Test" button sends one: a sample value of the field in the
/// field's envelope (<c>changes[]</c>, or <c>messaging[]</c> for the messaging fields), for a real account when one
/// is named (its newest post stands in for the media) and for account "0" otherwise. A caller's own value replaces
/// the sample.
/// </summary>
public static class TestDeliveries
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Messaging = new(StringComparer.Ordinal)
    {
        "messages", "message_edit", "message_reactions", "messaging_seen", "messaging_postbacks", "messaging_referral",
        "messaging_optins", "messaging_handover", "standby",
    };

    /// <summary>The body, or null when the field has no sample and no value was given.</summary>
    public static async Task<string?> PayloadAsync(PictographDb db, string field, long accountId, JsonElement? value, long time, CancellationToken cancellationToken)
    {
        var mediaId = accountId == 0 ? 17_900_000_000_000_011L : await db.Media.AsNoTracking()
            .Where(m => m.OwnerId == accountId && m.ParentId == null)
            .OrderByDescending(m => m.CreatedAt).Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 17_900_000_000_000_011L;
        if (Messaging.Contains(field))
        {
            return MessagingEnvelope(accountId, field, value, time);
        }

        Action<Utf8JsonWriter>? write = value is { } given ? given.WriteTo : field switch
        {
            WebhookFields.Comments or WebhookFields.LiveComments => w => Comment(w, mediaId, field),
            WebhookFields.Mentions => w => Object(w, ("media_id", Id(mediaId))),
            WebhookFields.StoryInsights => w => StoryInsights(w, mediaId),
            _ => null,
        };
        return write is null ? null : WebhookDeliveries.Envelope(accountId, field, write, time);
    }

    private static void Comment(Utf8JsonWriter w, long mediaId, string field)
    {
        w.WriteStartObject();
        w.WriteString("id", "17865799348089039");
        w.WriteString("text", "This is an example.");
        w.WriteStartObject("from");
        w.WriteString("id", "232323232");
        w.WriteString("username", "test");
        w.WriteEndObject();
        w.WriteStartObject("media");
        w.WriteString("id", Id(mediaId));
        w.WriteString("media_product_type", field == WebhookFields.LiveComments ? "LIVE" : "FEED");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void StoryInsights(Utf8JsonWriter w, long mediaId)
    {
        w.WriteStartObject();
        w.WriteString("media_id", Id(mediaId));
        foreach (var (name, number) in new[] { ("impressions", 28), ("reach", 17), ("taps_forward", 12), ("taps_back", 0), ("exits", 1), ("replies", 0) })
        {
            w.WriteNumber(name, number);
        }

        w.WriteEndObject();
    }

    private static void Object(Utf8JsonWriter w, params (string Name, string Value)[] members)
    {
        w.WriteStartObject();
        foreach (var (name, text) in members)
        {
            w.WriteString(name, text);
        }

        w.WriteEndObject();
    }

    /// <summary><c>{"object":"instagram","entry":[{"id":…,"time":ms,"messaging":[…]}]}</c>, Messenger's shape.</summary>
    private static string MessagingEnvelope(long accountId, string field, JsonElement? value, long time)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", WebhookFields.Object);
            w.WriteStartArray("entry");
            w.WriteStartObject();
            w.WriteString("id", Id(accountId));
            w.WriteNumber("time", time * 1000);
            w.WriteStartArray("messaging");
            if (value is { } given)
            {
                given.WriteTo(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteStartObject("sender");
                w.WriteString("id", "12334");
                w.WriteEndObject();
                w.WriteStartObject("recipient");
                w.WriteString("id", Id(accountId));
                w.WriteEndObject();
                w.WriteNumber("timestamp", time * 1000);
                MessagingSample(w, field);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void MessagingSample(Utf8JsonWriter w, string field)
    {
        switch (field)
        {
            case "messaging_seen":
                w.WriteStartObject("read");
                w.WriteString("mid", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw");
                w.WriteEndObject();
                break;
            case "message_reactions":
                w.WriteStartObject("reaction");
                w.WriteString("mid", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw");
                w.WriteString("action", "react");
                w.WriteString("reaction", "love");
                w.WriteString("emoji", "\u2764");
                w.WriteEndObject();
                break;
            case "messaging_postbacks":
                w.WriteStartObject("postback");
                w.WriteString("mid", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw");
                w.WriteString("title", "Get started");
                w.WriteString("payload", "GET_STARTED");
                w.WriteEndObject();
                break;
            default:
                w.WriteStartObject("message");
                w.WriteString("mid", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw");
                w.WriteString("text", "This is an example.");
                w.WriteEndObject();
                break;
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
