using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Schema;
using Pictograph.Jobs;
using Pictograph.Webhooks;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// Where others @-mention an account: <c>mentioned_media.media_id(x){…}</c> and
/// <c>mentioned_comment.comment_id(x){…}</c> (Facebook Login), and <c>POST /{ig-user-id}/mentions</c>,
/// a comment in reply (both flavours). Only what the Mention table says mentions the account is reachable.
/// </summary>
public static class Mentions
{
    /// <summary>Facebook Login: the two lookups and the reply. Instagram Login: the reply only (its spec has no lookups).</summary>
    public static NodeType<Account> WithMentions(this NodeType<Account> user)
    {
        var facebook = user.Name == "IGUser";
        string[] manage = facebook ? [Permissions.InstagramManageComments] : [Permissions.BusinessManageComments];
        if (facebook)
        {
            user.Lookup("mentioned_media", IGHashtag.PublicMedia(withUsername: true), MentionedMediaAsync, manage)
                .Lookup("mentioned_comment", MentionedCommentType(), MentionedCommentAsync, manage);
        }

        return user.OnPost("mentions", ReplyAsync, manage);
    }

    /// <summary>A comment that mentions the account, as "IGComment": public fields.</summary>
    private static NodeType<Comment> MentionedCommentType() =>
        new NodeType<Comment>("IGComment", c => c.Id)
            .LoadedBy(async (ids, context) => await context.Db().Comments.AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, context.CancellationToken)
                .ConfigureAwait(false))
            .Batched<long>("like_count", CommentLikeCountsAsync, (w, n) => w.WriteNumberValue(n))
            .Reference("media", IGHashtag.PublicMedia(withUsername: true), c => c.MediaId)
            .String("text", c => c.Text)
            .Timestamp("timestamp", c => DateTimeOffset.FromUnixTimeSeconds(c.CreatedAt))
            .Batched<string>("username", CommentAuthorsAsync, (w, n) => w.WriteStringValue(n));

    private static async Task<IReadOnlyList<long?>> MentionedMediaAsync(IReadOnlyList<Account> parents, IReadOnlyList<FieldModifier> modifiers, GraphContext context)
    {
        var mediaId = RequiredId(modifiers, "media_id");
        var ids = parents.Select(p => p.Id).ToList();
        var db = context.Db();
        // Story mentions are not available through the API.
        var mentioned = await db.Mentions.AsNoTracking()
            .Where(m => m.MediaId == mediaId && m.CommentId == null && ids.Contains(m.AccountId)
                && db.Media.Any(x => x.Id == m.MediaId && x.ProductType != MediaProductType.Story))
            .Select(m => m.AccountId)
            .ToListAsync(context.CancellationToken).ConfigureAwait(false);
        if (mentioned.Count == 0)
        {
            throw GraphErrors.UnsupportedGet(GraphJson.Id(mediaId));
        }

        return [.. parents.Select(p => mentioned.Contains(p.Id) ? mediaId : (long?)null)];
    }

    private static async Task<IReadOnlyList<long?>> MentionedCommentAsync(IReadOnlyList<Account> parents, IReadOnlyList<FieldModifier> modifiers, GraphContext context)
    {
        var commentId = RequiredId(modifiers, "comment_id");
        var db = context.Db();
        var ids = parents.Select(p => p.Id).ToList();
        var mentioned = await db.Mentions.AsNoTracking()
            .Where(m => m.CommentId == commentId && ids.Contains(m.AccountId))
            .Select(m => new { m.AccountId, m.MediaId })
            .ToListAsync(context.CancellationToken).ConfigureAwait(false);
        if (mentioned.Count == 0)
        {
            throw GraphErrors.UnsupportedGet(GraphJson.Id(commentId));
        }

        await RequireCommentsEnabledAsync(db, mentioned[0].MediaId, context).ConfigureAwait(false);
        return [.. parents.Select(p => mentioned.Any(m => m.AccountId == p.Id) ? commentId : (long?)null)];
    }

    /// <summary><c>POST /{ig-user-id}/mentions</c>: the account replies, as a comment, on media (or to a comment) that mentions it.</summary>
    private static async Task<MutationResult> ReplyAsync(Account user, GraphArguments arguments, GraphContext context)
    {
        var mediaId = ParseId(arguments["media_id"], "media_id");
        var message = arguments["message"];
        if (string.IsNullOrWhiteSpace(message))
        {
            throw GraphErrors.InvalidParameter("The parameter message is required");
        }

        long? commentId = arguments["comment_id"] is { Length: > 0 } c ? ParseId(c, "comment_id") : null;
        var db = context.Db();
        var mentions = await db.Mentions.AsNoTracking()
            .AnyAsync(m => m.AccountId == user.Id && m.MediaId == mediaId && m.CommentId == commentId
                && db.Media.Any(x => x.Id == m.MediaId && x.ProductType != MediaProductType.Story), context.CancellationToken)
            .ConfigureAwait(false);
        if (!mentions)
        {
            throw GraphErrors.UnsupportedMethod("POST", GraphJson.Id(commentId ?? mediaId));
        }

        await RequireCommentsEnabledAsync(db, mediaId, context).ConfigureAwait(false);
        long? parentId = null;
        if (commentId is { } replyTo)
        {
            // Replies hang off the top-level comment, as on Instagram.
            parentId = await db.Comments.AsNoTracking().Where(x => x.Id == replyTo).Select(x => x.ParentId ?? x.Id).FirstOrDefaultAsync(context.CancellationToken).ConfigureAwait(false);
        }

        var ids = context.Services.GetRequiredService<IdAllocator>();
        var events = context.Services.GetRequiredService<WebhookEvents>();
        var now = context.Now().ToUnixTimeSeconds();
        var id = await ids.NextAsync(NodeKind.Comment, context.CancellationToken).ConfigureAwait(false);
        var comment = new Comment { Id = id, MediaId = mediaId, AuthorId = user.Id, Text = message, CreatedAt = now, ParentId = parentId };
        db.Comments.Add(comment);
        await TextEntityRecorder.RecordAsync(db, ids, events, mediaId, id, message, now, context.CancellationToken).ConfigureAwait(false);
        await events.CommentAddedAsync(db, comment, context.CancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        context.Services.GetRequiredService<JobQueue>().Wake();
        return MutationResult.Created(id);
    }

    private static async Task RequireCommentsEnabledAsync(PictographDb db, long mediaId, GraphContext context)
    {
        var enabled = await db.Media.AsNoTracking().Where(m => m.Id == mediaId).Select(m => (bool?)m.CommentEnabled).FirstOrDefaultAsync(context.CancellationToken).ConfigureAwait(false);
        if (enabled == false)
        {
            throw GraphErrors.InvalidParameter("Comments are disabled for this media");
        }
    }

    private static long RequiredId(IReadOnlyList<FieldModifier> modifiers, string name) =>
        ParseId(modifiers.LastOrDefault(m => m.Name == name)?.Value, name);

    private static long ParseId(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw GraphErrors.InvalidParameter($"The parameter {name} is required");
        }

        if (!long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw GraphErrors.InvalidParameter($"Param {name} must be a valid id");
        }

        return id;
    }

    private static async Task<IReadOnlyList<long>> CommentLikeCountsAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var ids = comments.Select(c => c.Id).ToList();
        var counts = await context.Db().CommentLikes.AsNoTracking()
            .Where(l => ids.Contains(l.CommentId))
            .GroupBy(l => l.CommentId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false);
        return [.. comments.Select(c => counts.GetValueOrDefault(c.Id))];
    }

    private static async Task<IReadOnlyList<string?>> CommentAuthorsAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var ids = comments.Select(c => c.AuthorId).Distinct().ToList();
        var names = await context.Db().Accounts.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Username, context.CancellationToken).ConfigureAwait(false);
        return [.. comments.Select(c => names.GetValueOrDefault(c.AuthorId))];
    }
}
