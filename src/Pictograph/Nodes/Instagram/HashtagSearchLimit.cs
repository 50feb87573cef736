using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// <c>GET /ig_hashtag_search?user_id=…&amp;q=…</c>: finds an existing hashtag (ids are global and stable) and
/// counts it against the user's 30 unique hashtags per rolling 7 days.
/// </summary>
public static class HashtagSearchLimit
{
    public const long Window = 7 * 24 * 60 * 60;

    public const int MaxUniqueHashtags = 30;

    /// <remarks>
    /// Only hashtags that exist (were used in a caption or comment) are found: the real search does not
    /// invent ids for tags nobody wrote. An unknown tag answers an empty list and does not count.
    /// </remarks>
    public static async Task<MutationResult> SearchAsync(GraphArguments parameters, GraphContext context)
    {
        if (!context.HasPermission(Permissions.InstagramBasic))
        {
            throw GraphErrors.PermissionDenied();
        }

        var userId = IGHashtag.RequireUser(parameters["user_id"], context);
        var q = parameters["q"]?.Trim().TrimStart('#').ToLowerInvariant();
        if (string.IsNullOrEmpty(q))
        {
            throw GraphErrors.InvalidParameter("The parameter q is required");
        }

        var db = context.Db();
        var hashtag = await db.Hashtags.AsNoTracking().FirstOrDefaultAsync(h => h.Name == q, context.CancellationToken).ConfigureAwait(false);
        if (hashtag is not null)
        {
            await RecordAsync(db, userId, hashtag.Id, context).ConfigureAwait(false);
        }

        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            if (hashtag is not null)
            {
                w.WriteStartObject();
                w.WriteString("id", GraphJson.Id(hashtag.Id));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Code 24 is the Graph API's code for this limit; a search of a hashtag already searched in the
    /// window only moves its time.
    /// </summary>
    public static GraphException LimitReached() =>
        new(new GraphError(24, $"(#24) Cannot query more than {MaxUniqueHashtags} unique hashtags within a 7 day period"));

    private static async Task RecordAsync(PictographDb db, long accountId, long hashtagId, GraphContext context)
    {
        var now = context.Now().ToUnixTimeSeconds();
        var since = now - Window;
        var existing = await db.HashtagSearches.FirstOrDefaultAsync(s => s.AccountId == accountId && s.HashtagId == hashtagId, context.CancellationToken).ConfigureAwait(false);
        if (existing is null || existing.SearchedAt <= since)
        {
            var used = await db.HashtagSearches.CountAsync(s => s.AccountId == accountId && s.SearchedAt > since, context.CancellationToken).ConfigureAwait(false);
            if (used >= MaxUniqueHashtags)
            {
                throw LimitReached();
            }
        }

        if (existing is null)
        {
            db.HashtagSearches.Add(new HashtagSearch { AccountId = accountId, HashtagId = hashtagId, SearchedAt = now });
        }
        else
        {
            existing.SearchedAt = now;
        }

        await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
    }
}
