using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;

namespace Pictograph.Nodes;

/// <summary>
/// What an Instagram token (Basic Display, Instagram Login) reaches: its own account and that account's
/// media; stories only with Instagram Login, and only while they are live.
/// </summary>
public static class OwnAssets
{
    // /me and /me/{edge} load this one row on every call: a direct read (see AccountRows).
    public static async Task<IReadOnlyDictionary<long, Account>> AccountsAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        return ids.Contains(self) && await context.Rows().AccountAsync(self, context.CancellationToken).ConfigureAwait(false) is { } account
            ? new Dictionary<long, Account> { [self] = account }
            : new Dictionary<long, Account>();
    }

    /// <summary>How long a story is live, and readable by its id with a professional token.</summary>
    public const long StoryLifetime = 24 * 60 * 60;

    /// <summary>Instagram Login: the account's media by id, stories included while they are live.</summary>
    public static async Task<IReadOnlyDictionary<long, Data.Media>> ProfessionalMediaAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        var since = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() - StoryLifetime;
        var found = await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && (m.ProductType != MediaProductType.Story || m.CreatedAt > since))
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
        ReportStoryExpiry(found.Values, context);
        return found;
    }

    /// <summary>An answer that shows a live story holds until the story expires (an expired one stays hidden).</summary>
    public static void ReportStoryExpiry(IEnumerable<Data.Media> media, GraphContext context)
    {
        foreach (var item in media)
        {
            if (item.ProductType == MediaProductType.Story)
            {
                context.AnswerExpiresBy(DateTimeOffset.FromUnixTimeSeconds(item.CreatedAt + StoryLifetime));
            }
        }
    }

    /// <summary>Basic Display: the account's media by id, never its stories.</summary>
    public static async Task<IReadOnlyDictionary<long, Data.Media>> MediaAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        if (ids.Count == 1)
        {
            // /{media-id}: one row by its key, a direct read.
            var id = ids.First();
            return await context.Rows().OwnMediaAsync(id, self, context.CancellationToken).ConfigureAwait(false) is { } one
                ? new Dictionary<long, Data.Media> { [id] = one }
                : new Dictionary<long, Data.Media>();
        }

        return await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && m.ProductType != MediaProductType.Story)
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}
