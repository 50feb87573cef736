using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// <c>GET /ig_hashtag_search?user_id=…&amp;q=…</c>: the hashtag's id (global and stable), counted against the
/// user's 30 unique hashtags per rolling 7 days.
/// </summary>
public static class HashtagSearchLimit
{
    public const long Window = 7 * 24 * 60 * 60;

    public const int MaxUniqueHashtags = 30;

    /// <remarks>
    /// Any well-formed tag has an id, as on Instagram, where nearly every word has been used as a hashtag
    /// (clients read <c>data[0].id</c>): a tag nobody wrote yet gets its node on first search, and the search
    /// counts against the window like any other. Text that is not one hashtag (spaces, punctuation, emoji) is refused.
    /// </remarks>
    public static async Task<MutationResult> SearchAsync(GraphArguments parameters, GraphContext context)
    {
        if (!context.HasPermission(Permissions.InstagramBasic))
        {
            throw GraphErrors.PermissionDenied();
        }

        var userId = await IGHashtag.RequireUserAsync(parameters["user_id"], context).ConfigureAwait(false);
        var q = parameters["q"];
        if (string.IsNullOrWhiteSpace(q))
        {
            throw GraphErrors.InvalidParameter("The parameter q is required");
        }

        var name = TextEntities.HashtagName(q)
            ?? throw GraphErrors.InvalidParameter("Invalid parameter q: a hashtag is letters, digits and underscores only (no spaces, punctuation or emoji), at most 100 characters");
        var db = context.Db();
        var ids = context.Services.GetRequiredService<IdAllocator>();
        var hashtagId = (await TextEntityRecorder.HashtagIdsAsync(db, ids, [name], context.CancellationToken).ConfigureAwait(false))[name];
        await RecordAsync(db, userId, hashtagId, context).ConfigureAwait(false);

        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", GraphJson.Id(hashtagId));
            w.WriteEndObject();
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
