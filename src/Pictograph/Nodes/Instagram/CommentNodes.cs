using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;
using Pictograph.Jobs;
using Pictograph.Webhooks;

namespace Pictograph.Nodes.Instagram;

/// <summary>What sets the two comment node types apart: their name, permissions and the media a token reaches.</summary>
/// <param name="Name">The type name used in errors.</param>
/// <param name="Basic">Needed for any read (instagram_basic / instagram_business_basic).</param>
/// <param name="ManageComments">Needed for writes and for the commenter's username.</param>
/// <param name="ReachableMedia">The media whose comments the caller sees; every one is the media of an account the caller acts for.</param>
public sealed record CommentFlavour(string Name, string Basic, string ManageComments, Func<GraphContext, IQueryable<Data.Media>> ReachableMedia);

/// <summary>
/// The comment node, its <c>replies</c> edge and the comment half of media (<c>comments_count</c>,
/// <c>like_count</c>, the <c>comments</c> edge, <c>comment_enabled</c>), shared by both professional flavours.
/// </summary>
/// <remarks>
/// A token reaches only media of accounts it acts for, so every reader of a comment is the media owner's
/// token: hidden comments are therefore listed and counted for every caller that can see them at all.
/// </remarks>
public static class CommentNodes
{
    /// <summary>Instagram's comment length limit (the caption's too).</summary>
    public const int MaxMessageLength = 2_200;

    /// <summary><c>/{media-id}/comments</c>: top-level only, newest first, at most 50 a page, no time filter.</summary>
    public static readonly ConnectionOptions CommentsEdge = new(DefaultLimit: 25, MaxLimit: 50)
    {
        ItemDefaults = FieldSelection.Of("timestamp", "text", "id"),
    };

    /// <summary><c>/{comment-id}/replies</c>: oldest first.</summary>
    public static readonly ConnectionOptions RepliesEdge = new(DefaultLimit: 25, MaxLimit: 50)
    {
        ItemDefaults = FieldSelection.Of("timestamp", "text", "id"),
    };

    private static readonly Keyset<Comment> NewestFirst = new(c => c.CreatedAt, c => c.Id, descending: true);
    private static readonly Keyset<Comment> OldestFirst = new(c => c.CreatedAt, c => c.Id, descending: false);

    /// <summary>Builds the comment node type and adds the <c>comments</c> edge (GET and POST) to <paramref name="media"/>.</summary>
    public static NodeType<Comment> Create(CommentFlavour flavour, NodeType<Data.Media> media)
    {
        string[] manage = [flavour.ManageComments];
        var comment = new NodeType<Comment>(flavour.Name, c => c.Id)
            .Requires(flavour.Basic)
            .LoadedBy((ids, context) => LoadAsync(ids, context, flavour))
            .Batched<Author>("from", AuthorsAsync, WriteFrom, manage)
            .Boolean("hidden", c => c.Hidden)
            .String("legacy_instagram_comment_id", c => ProfessionalFields.LegacyId(c.Id))
            .Batched<long>("like_count", LikeCountsAsync, (w, n) => w.WriteNumberValue(n))
            // {"id","media_product_type"} unless expanded, as Instagram writes it; expandable like any reference.
            .Reference("media", media, c => c.MediaId, defaults: FieldSelection.Of("id", "media_product_type"))
            .IdString("parent_id", c => c.ParentId)
            .String("text", c => c.Text)
            .Timestamp("timestamp", c => DateTimeOffset.FromUnixTimeSeconds(c.CreatedAt))
            .Batched<AppUser>("user", AppUsersAsync, WriteUser)
            .Batched<Author>("username", AuthorsAsync, (w, a) => w.WriteStringValue(a.Username), manage);
        comment
            .Connection("replies", comment, RepliesOf, c => (c.CreatedAt, c.Id), RepliesEdge, appliesTo: c => c.ParentId is null)
            .OnPost("replies", ReplyAsync, manage)
            .OnPost(null, HideAsync, manage)
            .OnDelete(null, DeleteAsync, manage);

        media
            .Connection("comments", comment, CommentsOf, c => (c.CreatedAt, c.Id), CommentsEdge, appliesTo: m => m.ParentId is null)
            .OnPost("comments", CommentAsync, manage);
        return comment;
    }

    /// <summary><c>comments_count</c>, <c>like_count</c> and <c>POST /{media-id}?comment_enabled=…</c> of a professional flavour's media.</summary>
    public static NodeType<Data.Media> WithEngagementFields(this NodeType<Data.Media> media, string manageComments) =>
        media
            .Batched<long>("comments_count", CommentCountsAsync, (w, n) => w.WriteNumberValue(n))
            .Batched<long>("like_count", MediaLikeCountsAsync, (w, n) => w.WriteNumberValue(n))
            .OnPost(null, SetCommentEnabledAsync, [manageComments]);

    private static async Task<IReadOnlyDictionary<long, Comment>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context, CommentFlavour flavour)
    {
        var reachable = flavour.ReachableMedia(context);
        return await context.Db().Comments.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && reachable.Any(m => m.Id == c.MediaId))
            .ToDictionaryAsync(c => c.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<IReadOnlyList<Comment>>> CommentsOf(IReadOnlyList<ConnectionQuery<Data.Media>> queries, GraphContext context)
    {
        if (Keyset<Comment>.SharedFirstPageTake(queries) is { } take)
        {
            return await FirstPagesOfAsync(queries, take, context).ConfigureAwait(false);
        }

        var db = context.Db();
        return await NewestFirst.LoadAsync(queries, q => db.Comments.Where(c => c.MediaId == q.Parent.Id && c.ParentId == null), c => c.MediaId, m => m.Id, context)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The first pages of a nested expansion: kept pages whose post has not changed since (see CommentPages),
    /// the others in one statement (see IRowReads).
    /// </summary>
    private static async Task<IReadOnlyList<IReadOnlyList<Comment>>> FirstPagesOfAsync(IReadOnlyList<ConnectionQuery<Data.Media>> queries, int take, GraphContext context)
    {
        var kept = context.Services.GetRequiredService<CommentPages>();
        var pages = new IReadOnlyList<Comment>[queries.Count];
        var missing = new List<ConnectionQuery<Data.Media>>();
        var missingAt = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (kept.TryGet((queries[i].Parent.Id, take), queries[i].Parent.Version, out var page))
            {
                pages[i] = page;
            }
            else
            {
                missing.Add(queries[i]);
                missingAt.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var comments = await context.Rows().NewestCommentsAsync([.. missing.Select(q => q.Parent.Id)], take, context.CancellationToken).ConfigureAwait(false);
            var loaded = NewestFirst.ByParent(missing, comments, c => c.MediaId, m => m.Id);
            for (var j = 0; j < missing.Count; j++)
            {
                kept.Keep((missing[j].Parent.Id, take), missing[j].Parent.Version, loaded[j]);
                pages[missingAt[j]] = loaded[j];
            }
        }

        return pages;
    }

    private static Task<IReadOnlyList<IReadOnlyList<Comment>>> RepliesOf(IReadOnlyList<ConnectionQuery<Comment>> queries, GraphContext context)
    {
        var db = context.Db();
        return OldestFirst.LoadAsync(queries, q => db.Comments.Where(c => c.ParentId == q.Parent.Id), c => c.ParentId!.Value, c => c.Id, context);
    }

    // ---- batched values, one query per level ----

    private sealed record Author(long Id, string Username);

    private sealed record MediaOfComment(long OwnerId, long AuthorId);

    private sealed record AppUser(long Id);

    private static async Task<IReadOnlyList<Author?>> AuthorsAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var names = await MediaQueries.UsernamesAsync(comments.Select(c => c.AuthorId), context).ConfigureAwait(false);
        return [.. comments.Select(c => names.TryGetValue(c.AuthorId, out var name) ? new Author(c.AuthorId, name) : null)];
    }

    private static async Task<IReadOnlyList<MediaOfComment?>> MediaOfAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var ids = comments.Select(c => c.MediaId).Distinct().ToList();
        var media = await context.Db().Media.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.OwnerId })
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. comments.Select(c => media.TryGetValue(c.MediaId, out var m) ? new MediaOfComment(m.OwnerId, c.AuthorId) : null)];
    }

    private static async Task<IReadOnlyList<long>> LikeCountsAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var ids = comments.Select(c => c.Id).ToList();
        var counts = await context.Db().CommentLikes
            .Where(l => ids.Contains(l.CommentId))
            .GroupBy(l => l.CommentId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. comments.Select(c => counts.GetValueOrDefault(c.Id))];
    }

    /// <summary>Top-level comments and replies of each media item (an album's children's comments are their own).</summary>
    private static async Task<IReadOnlyList<long>> CommentCountsAsync(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => m.Id).ToList();
        var counts = await context.Db().Comments
            .Where(c => ids.Contains(c.MediaId))
            .GroupBy(c => c.MediaId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. media.Select(m => counts.GetValueOrDefault(m.Id))];
    }

    private static async Task<IReadOnlyList<long>> MediaLikeCountsAsync(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => m.Id).ToList();
        var counts = await context.Db().MediaLikes
            .Where(l => ids.Contains(l.MediaId))
            .GroupBy(l => l.MediaId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. media.Select(m => counts.GetValueOrDefault(m.Id))];
    }

    private static void WriteFrom(Utf8JsonWriter writer, Author author)
    {
        writer.WriteStartObject();
        writer.WriteString("id", GraphJson.Id(author.Id));
        writer.WriteString("username", author.Username);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The author when the app user wrote the comment: a token acts only for the media's account here, so that is
    /// a comment by the media owner; others' comments have no <c>user</c>.
    /// </summary>
    private static async Task<IReadOnlyList<AppUser?>> AppUsersAsync(IReadOnlyList<Comment> comments, GraphContext context)
    {
        var media = await MediaOfAsync(comments, context).ConfigureAwait(false);
        return [.. media.Select(m => m is not null && m.AuthorId == m.OwnerId ? new AppUser(m.AuthorId) : null)];
    }

    private static void WriteUser(Utf8JsonWriter writer, AppUser user)
    {
        writer.WriteStartObject();
        writer.WriteString("id", GraphJson.Id(user.Id));
        writer.WriteEndObject();
    }

    // ---- writes ----

    private static async Task<MutationResult> SetCommentEnabledAsync(Data.Media media, GraphArguments arguments, GraphContext context)
    {
        var enabled = arguments.Boolean("comment_enabled") ?? throw GraphErrors.InvalidParameter("The parameter comment_enabled is required");
        if (media.ParentId is not null)
        {
            throw GraphErrors.InvalidParameter("Comments cannot be enabled or disabled on a carousel album's child");
        }

        await context.Db().Media.Where(m => m.Id == media.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CommentEnabled, enabled), context.CancellationToken)
            .ConfigureAwait(false);
        return MutationResult.Success;
    }

    /// <summary><c>POST /{media-id}/comments?message=…</c>: a top-level comment by the media's account.</summary>
    private static Task<MutationResult> CommentAsync(Data.Media media, GraphArguments arguments, GraphContext context)
    {
        if (media.ParentId is not null)
        {
            throw GraphErrors.InvalidParameter("Comments cannot be posted on a carousel album's child; comment on the album");
        }

        return AddCommentAsync(media, parentId: null, arguments, context);
    }

    /// <summary><c>POST /{comment-id}/replies?message=…</c>: replies go to top-level comments only.</summary>
    private static async Task<MutationResult> ReplyAsync(Comment comment, GraphArguments arguments, GraphContext context)
    {
        if (comment.ParentId is not null)
        {
            throw CommentErrors.ReplyToReply();
        }

        // The media goes with its comments: gone now, the comment was deleted since it was loaded.
        var media = await context.Db().Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == comment.MediaId, context.CancellationToken).ConfigureAwait(false)
            ?? throw Missing(comment.Id);
        return await AddCommentAsync(media, comment.Id, arguments, context).ConfigureAwait(false);
    }

    private static async Task<MutationResult> AddCommentAsync(Data.Media media, long? parentId, GraphArguments arguments, GraphContext context)
    {
        var message = arguments.Required("message");
        if (string.IsNullOrWhiteSpace(message))
        {
            throw GraphErrors.InvalidParameter("The parameter message is required");
        }

        if (message.EnumerateRunes().Count() > MaxMessageLength)
        {
            throw CommentErrors.TooLong();
        }

        if (!media.CommentEnabled)
        {
            throw CommentErrors.Disabled();
        }

        var db = context.Db();
        var ids = context.Services.GetRequiredService<IdAllocator>();
        var events = context.Services.GetRequiredService<WebhookEvents>();
        var now = context.Now().ToUnixTimeSeconds();
        var comment = new Comment
        {
            Id = await ids.NextAsync(NodeKind.Comment, context.CancellationToken).ConfigureAwait(false),
            MediaId = media.Id,
            AuthorId = media.OwnerId,
            ParentId = parentId,
            Text = message,
            CreatedAt = now,
        };
        db.Comments.Add(comment);
        await TextEntityRecorder.RecordAsync(db, ids, events, media.Id, comment.Id, message, now, context.CancellationToken).ConfigureAwait(false);
        await events.CommentAddedAsync(db, comment, context.CancellationToken).ConfigureAwait(false);
        // Only a delivery (or a mention's) queues a job: waking the runner for none costs its workers a query each.
        var queued = db.Jobs.Local.Count > 0;
        try
        {
            await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteExtendedErrorCode: ForeignKeyFailed }
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            // The comment (or media) replied to was deleted after it was loaded: it is missing now, as if it had been then.
            db.ChangeTracker.Clear();
            throw Missing(parentId ?? media.Id);
        }

        if (queued)
        {
            context.Services.GetRequiredService<JobQueue>().Wake();
        }

        return MutationResult.Created(comment.Id);
    }

    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY.</summary>
    private const int ForeignKeyFailed = 787;

    private static GraphException Missing(long id) => GraphErrors.UnsupportedMethod("POST", GraphJson.Id(id));

    /// <summary><c>POST /{comment-id}?hide=true|false</c>: the media owner hides others' comments, never their own.</summary>
    private static async Task<MutationResult> HideAsync(Comment comment, GraphArguments arguments, GraphContext context)
    {
        var hide = arguments.Boolean("hide") ?? throw GraphErrors.InvalidParameter("The parameter hide is required");
        var db = context.Db();
        var owner = await db.Media.Where(m => m.Id == comment.MediaId).Select(m => m.OwnerId).SingleAsync(context.CancellationToken).ConfigureAwait(false);
        if (hide && comment.AuthorId == owner)
        {
            throw CommentErrors.HideOwn();
        }

        await db.Comments.Where(c => c.Id == comment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Hidden, hide), context.CancellationToken)
            .ConfigureAwait(false);
        return MutationResult.Success;
    }

    /// <summary><c>DELETE /{comment-id}</c>: its replies, likes, hashtag uses and mentions go with it.</summary>
    private static async Task<MutationResult> DeleteAsync(Comment comment, GraphArguments arguments, GraphContext context)
    {
        // Only tokens acting for the media's account reach a comment at all: the media owner may delete any.
        await context.Db().Comments.Where(c => c.Id == comment.Id)
            .ExecuteDeleteAsync(context.CancellationToken)
            .ConfigureAwait(false);
        return MutationResult.Success;
    }
}

/// <summary>The errors of comment writes.</summary>
public static class CommentErrors
{
    public static GraphException Disabled() =>
        new(new GraphError(100, "(#100) Comments are disabled for this media")
        {
            IsTransient = false,
            UserTitle = "Comments Disabled",
            UserMessage = "The owner of this post has turned off commenting.",
        });

    public static GraphException ReplyToReply() =>
        GraphErrors.InvalidParameter("Replies can only be made to top-level comments; this comment is a reply");

    public static GraphException HideOwn() =>
        GraphErrors.InvalidParameter("Comments made by the media owner cannot be hidden");

    public static GraphException TooLong() =>
        GraphErrors.InvalidParameter($"The parameter message must be at most {CommentNodes.MaxMessageLength} characters");
}
