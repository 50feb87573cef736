using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Webhooks;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// Records the hashtags and @-mentions of a caption or comment at write time: a <see cref="Hashtag"/> row
/// is created on a tag's first use anywhere, a <see cref="HashtagUse"/> per tag, and a <see cref="Mention"/>
/// per mentioned account that exists (unknown usernames are ignored). Uses and mentions are added to
/// the given context for the caller's SaveChanges, so they commit with the text they come from (and so do
/// the <c>mentions</c> webhook deliveries of the mentioned accounts).
/// </summary>
public static class TextEntityRecorder
{
    /// <param name="commentId">The comment the text belongs to; null for a caption.</param>
    public static async Task RecordAsync(PictographDb db, IdAllocator ids, WebhookEvents events, long mediaId, long? commentId, string? text, long createdAt, CancellationToken cancellationToken)
    {
        var tags = TextEntities.Hashtags(text);
        if (tags.Count > 0)
        {
            foreach (var (name, id) in await HashtagIdsAsync(db, ids, tags, cancellationToken).ConfigureAwait(false))
            {
                db.HashtagUses.Add(new HashtagUse { HashtagId = id, MediaId = mediaId, CommentId = commentId, CreatedAt = createdAt });
            }
        }

        var usernames = TextEntities.Mentions(text);
        if (usernames.Count > 0)
        {
            var mentioned = await db.Accounts.AsNoTracking()
                .Where(a => usernames.Contains(a.Username.ToLower()))
                .Select(a => a.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var accountId in mentioned)
            {
                db.Mentions.Add(new Mention { AccountId = accountId, MediaId = mediaId, CommentId = commentId, CreatedAt = createdAt });
            }

            await events.MentionedAsync(db, mentioned, mediaId, commentId, createdAt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The ids of the named hashtags, creating the missing ones (safe against a concurrent first use).</summary>
    public static async Task<Dictionary<string, long>> HashtagIdsAsync(PictographDb db, IdAllocator ids, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var known = await db.Hashtags.AsNoTracking()
            .Where(h => names.Contains(h.Name))
            .ToDictionaryAsync(h => h.Name, h => h.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var missing = names.Where(n => !known.ContainsKey(n)).ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        foreach (var name in missing)
        {
            var id = await ids.NextAsync(NodeKind.Hashtag, cancellationToken).ConfigureAwait(false);
            // Another request may create the same tag first: its id wins, this one is left unused.
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"Hashtags\" (\"Id\", \"Name\") VALUES ({id}, {name}) ON CONFLICT (\"Name\") DO NOTHING", cancellationToken).ConfigureAwait(false);
        }

        return await db.Hashtags.AsNoTracking()
            .Where(h => names.Contains(h.Name))
            .ToDictionaryAsync(h => h.Name, h => h.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }
}
