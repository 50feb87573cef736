using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.GraphApi;
using Pictograph.Media;

namespace Pictograph.Nodes;

/// <summary>The URLs a media node carries: signed file URLs and the public permalink.</summary>
public sealed class MediaLinks(MediaUrlSigner signer, GraphCaller caller)
{
    /// <summary>A signed file URL; the answer carrying it holds until the signature's expiry rolls over.</summary>
    public string? File(string? key, GraphContext context)
    {
        if (key is null)
        {
            return null;
        }

        var url = signer.Sign(caller.Origins.Media, key, out var changesAt);
        context.AnswerExpiresBy(changesAt);
        return url;
    }

    public string Permalink(Data.Media media) => media.ProductType switch
    {
        MediaProductType.Reels => $"{caller.Origins.Permalink}/reel/{media.Shortcode}/",
        _ => $"{caller.Origins.Permalink}/p/{media.Shortcode}/",
    };

    public static string MediaTypeName(MediaType type) => type switch
    {
        MediaType.Image => "IMAGE",
        MediaType.Video => "VIDEO",
        _ => "CAROUSEL_ALBUM",
    };

    /// <summary>media_product_type as the API writes it (fields and webhook payloads).</summary>
    public static string ProductTypeName(MediaProductType type) => type switch
    {
        MediaProductType.Story => "STORY",
        MediaProductType.Reels => "REELS",
        MediaProductType.Ad => "AD",
        _ => "FEED",
    };

    public static string AccountTypeName(AccountType type) => type switch
    {
        AccountType.Personal => "PERSONAL",
        AccountType.Business => "BUSINESS",
        _ => "MEDIA_CREATOR",
    };
}
