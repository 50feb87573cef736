using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.BasicDisplay;

/// <summary>The Basic Display "Media": the token owner's posts (no stories), with album children.</summary>
public static class BasicDisplayMedia
{
    public static NodeType<Data.Media> Create()
    {
        var media = new NodeType<Data.Media>("Media", m => m.Id)
            .Requires(Permissions.UserMedia)
            .LoadedBy(OwnAssets.MediaAsync)
            // Album children carry no caption of their own.
            .String("caption", m => m.ParentId is null ? m.Caption : null)
            .Boolean("is_shared_to_feed", m => m.ProductType == MediaProductType.Reels ? true : null)
            .String("media_type", m => MediaLinks.MediaTypeName(m.MediaType))
            .String("media_url", (m, c) => c.Links().File(m.FileKey, c))
            .String("permalink", (m, c) => c.Links().Permalink(m))
            .String("thumbnail_url", (m, c) => m.MediaType == MediaType.Video ? c.Links().File(m.ThumbnailKey, c) : null)
            .Timestamp("timestamp", m => DateTimeOffset.FromUnixTimeSeconds(m.CreatedAt))
            .Batched<string>("username", MediaQueries.OwnerUsernames, (w, name) => w.WriteStringValue(name));
        return media.Connection("children", media, MediaQueries.ChildrenOf, m => (m.Position, m.Id), appliesTo: m => m.MediaType == MediaType.CarouselAlbum);
    }
}
