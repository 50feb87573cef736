using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;
using Pictograph.Hosting;
using Pictograph.Nodes;

namespace Pictograph.Publishing;

/// <summary>
/// The rolling 24-hour publishing quota: posts published through the API (a carousel counts once), and
/// <c>GET /{ig-user-id}/content_publishing_limit</c> reporting it.
/// </summary>
public static class PublishingQuota
{
    public const long Duration = 86_400;

    /// <summary>Posts the account published in the 24 hours before <paramref name="now"/> (or since <paramref name="since"/>, if later).</summary>
    public static Task<int> UsageAsync(PictographDb db, long accountId, long now, long? since, CancellationToken cancellationToken)
    {
        var from = Math.Max(now - Duration, since ?? long.MinValue);
        return db.Containers.AsNoTracking()
            .CountAsync(c => c.OwnerId == accountId && c.PublishedAt > from && !c.IsCarouselItem, cancellationToken);
    }

    /// <summary><c>{"data":[{"quota_usage":n,"config":{"quota_total":…,"quota_duration":86400}}]}</c>, fields as asked (default quota_usage).</summary>
    public static async Task<MutationResult> LimitAsync(Account user, GraphArguments arguments, GraphContext context)
    {
        var fields = arguments["fields"] is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? FieldsParser.Parse(text).Items.Select(f => f.Name).Distinct().ToList()
            : ["quota_usage"];
        if (fields.FirstOrDefault(f => f is not ("quota_usage" or "config")) is { } unknown)
        {
            throw GraphErrors.NonexistingField(unknown, "ContentPublishingLimitResponse");
        }

        var now = context.Now().ToUnixTimeSeconds();
        long? since = arguments["since"] is { Length: > 0 } s ? TimeParameter.Parse("since", s) : null;
        var usage = await UsageAsync(context.Db(), user.Id, now, since, context.CancellationToken).ConfigureAwait(false);
        var total = context.Services.GetRequiredService<IOptions<PictographOptions>>().Value.PublishingQuota;
        return new MutationResult(w => Write(w, fields, usage, total));
    }

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<string> fields, int usage, int total)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        writer.WriteStartObject();
        foreach (var field in fields)
        {
            if (field == "quota_usage")
            {
                writer.WriteNumber("quota_usage", usage);
            }
            else
            {
                writer.WriteStartObject("config");
                writer.WriteNumber("quota_total", total);
                writer.WriteNumber("quota_duration", Duration);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
