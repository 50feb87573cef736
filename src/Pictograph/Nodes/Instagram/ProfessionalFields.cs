using Pictograph.Data;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// The fields both current APIs (Facebook Login's IGUser/IGMedia, Instagram Login's User/Media) serve the
/// same way; each flavour's node type adds its own name, permission, visibility and extras.
/// </summary>
public static class ProfessionalFields
{
    public static NodeType<Account> WithProfileFields(this NodeType<Account> user) =>
        user
            .String("biography", a => a.Biography)
            .WithFollowCounts()
            .Batched<long>("media_count", MediaQueries.GridCountsAsync, (w, n) => w.WriteNumberValue(n))
            .String("name", a => a.Name)
            .String("profile_picture_url", (a, c) => c.Links().File(a.ProfilePictureKey, c))
            .String("username", a => a.Username)
            .String("website", a => a.Website);

    /// <summary>The profile grid: feed posts and reels, newest first, no stories and no ads.</summary>
    public static NodeType<Account> WithMediaEdge(this NodeType<Account> user, NodeType<Data.Media> media) =>
        user.Connection("media", media, MediaQueries.GridOf, m => (m.CreatedAt, m.Id), MediaQueries.GridEdge)
            .WithStoryAndTagEdges(media);

    public static NodeType<Data.Media> WithMediaFields(this NodeType<Data.Media> media, NodeType<Account> owner)
    {
        // Album children carry no caption, permalink, comment switch or URL of the album's own.
        static bool TopLevel(Data.Media m) => m.ParentId is null;
        return media
            .String("alt_text", m => m.AltText)
            .String("caption", m => TopLevel(m) ? m.Caption : null)
            // The legacy API's media id, a string in Meta's spec.
            .String("ig_id", m => LegacyId(m.Id))
            .String("legacy_instagram_media_id", m => LegacyId(m.Id))
            // Stories here carry no interactive stickers.
            .Boolean("has_poll", m => m.ProductType == MediaProductType.Story ? false : null)
            .Boolean("has_slider", m => m.ProductType == MediaProductType.Story ? false : null)
            .Boolean("is_comment_enabled", m => TopLevel(m) ? m.CommentEnabled : null)
            .Boolean("is_shared_to_feed", m => m.ProductType == MediaProductType.Reels ? m.SharedToFeed ?? true : null)
            .String("media_product_type", m => MediaLinks.ProductTypeName(m.ProductType))
            .String("media_type", m => MediaLinks.MediaTypeName(m.MediaType))
            .String("media_url", (m, c) => m.MediaType == MediaType.CarouselAlbum ? null : c.Links().File(m.FileKey, c))
            .Reference("owner", owner, m => m.OwnerId)
            .String("permalink", (m, c) => TopLevel(m) ? c.Links().Permalink(m) : null)
            .String("shortcode", m => m.Shortcode)
            .String("thumbnail_url", (m, c) => m.MediaType == MediaType.Video ? c.Links().File(m.ThumbnailKey, c) : null)
            .Timestamp("timestamp", m => DateTimeOffset.FromUnixTimeSeconds(m.CreatedAt))
            .Batched<string>("username", MediaQueries.OwnerUsernames, (w, name) => w.WriteStringValue(name))
            .Connection("children", media, MediaQueries.ChildrenOf, m => (m.Position, m.Id), appliesTo: m => m.MediaType == MediaType.CarouselAlbum)
            .WithExtraMediaFields()
            .WithNotYet(UserEdges.MediaNotYet);
    }

    /// <summary>A node's number in the legacy Instagram API, as a string (see <see cref="NodeIds.Legacy"/>).</summary>
    public static string LegacyId(long id) => NodeIds.Legacy(id).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
