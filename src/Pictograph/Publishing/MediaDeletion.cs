using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Media;
using Pictograph.Nodes;

namespace Pictograph.Publishing;

/// <summary>
/// <c>DELETE /{ig-media-id}</c>, Instagram API with Facebook Login only: a feed post, story, reel or whole
/// carousel goes with everything that hangs on it (children, comments and replies, likes, tags, mentions,
/// hashtag uses, insight events: the database's cascades), then its files leave the media store.
/// </summary>
public static class MediaDeletion
{
    public static async Task<MutationResult> DeleteAsync(Data.Media media, GraphContext context)
    {
        if (media.ParentId is not null || media.ProductType == MediaProductType.Ad)
        {
            throw MediaTypeNotSupported();
        }

        var db = context.Db();
        var cancellationToken = context.CancellationToken;
        var children = await db.Media.AsNoTracking().Where(m => m.ParentId == media.Id)
            .Select(m => new { m.Id, m.FileKey, m.ThumbnailKey })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // One statement, so it commits alone; the files go only once the rows that point at them are gone.
        await db.Media.Where(m => m.Id == media.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        // A key is removed only when it is named after one of the deleted items (see MediaKey.For): rows
        // may share another item's file (an album's is its first child's; imported data may reuse files).
        var owned = children.Select(c => c.Id).Append(media.Id).ToHashSet();
        var keys = children.SelectMany(c => new[] { c.FileKey, c.ThumbnailKey }).Append(media.FileKey).Append(media.ThumbnailKey)
            .OfType<string>().Distinct().Where(k => NamedAfter(k, owned));
        var store = context.Services.GetRequiredService<IMediaStore>();
        foreach (var key in keys)
        {
            await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }

        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteString("deleted_id", GraphJson.Id(media.Id));
            w.WriteEndObject();
        });
    }

    /// <summary>Instagram Login has no media deletion: graph.instagram.com answers as for an object it cannot delete.</summary>
    public static GraphException Unsupported(Data.Media media) =>
        new(new GraphError(100,
            $"Unsupported delete request. Object with ID '{GraphJson.Id(media.Id)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation")
        {
            Type = "IGApiException",
            Subcode = 33,
        });

    /// <summary>A carousel child or an ad, in the words of Instagram's documentation.</summary>
    private static GraphException MediaTypeNotSupported() =>
        new(new GraphError(-1, "Fatal")
        {
            Subcode = 2207073,
            IsTransient = false,
            UserTitle = "Media Type Not Supported",
            UserMessage = "The media type is not supported for this endpoint",
        });

    private static bool NamedAfter(string key, IReadOnlySet<long> ids)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return long.TryParse(dot < 0 ? name : name[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ids.Contains(id);
    }
}
