namespace Pictograph.Data;

/// <summary>A developer app: the client of OAuth and of every token.</summary>
public sealed class App
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Secret { get; set; }

    public long CreatedAt { get; set; }
}

public enum AccountType
{
    Personal,
    Business,
    MediaCreator,
}

/// <summary>An Instagram account (personal, business or creator).</summary>
public sealed class Account
{
    public long Id { get; set; }

    public required string Username { get; set; }

    public AccountType AccountType { get; set; }

    public string? Name { get; set; }

    public string? Biography { get; set; }

    public string? Website { get; set; }

    /// <summary>Media-store key of the profile picture.</summary>
    public string? ProfilePictureKey { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }
}

public enum MediaType
{
    Image,
    Video,
    CarouselAlbum,
}

/// <summary>Where a media item was published (Instagram's media_product_type).</summary>
public enum MediaProductType
{
    Feed,
    Story,
    Reels,
    Ad,
}

/// <summary>A published media item; carousel children point at their album with <see cref="ParentId"/>.</summary>
public sealed class Media
{
    public long Id { get; set; }

    public long OwnerId { get; set; }

    public MediaType MediaType { get; set; }

    public MediaProductType ProductType { get; set; }

    public string? Caption { get; set; }

    /// <summary>Unix seconds; the keyset of every media list is (CreatedAt, Id).</summary>
    public long CreatedAt { get; set; }

    public required string Shortcode { get; set; }

    public long? ParentId { get; set; }

    /// <summary>Order inside a carousel.</summary>
    public int Position { get; set; }

    /// <summary>Media-store key of the image or video file (an album's is its first child's).</summary>
    public string? FileKey { get; set; }

    /// <summary>Media-store key of a video's thumbnail.</summary>
    public string? ThumbnailKey { get; set; }

    public bool CommentEnabled { get; set; } = true;

    /// <summary>
    /// True when the item is listed on its owner's profile grid: a top-level feed post or reel (not a
    /// story, not an ad, not a carousel child). Kept as a column so the media edge is one index range.
    /// </summary>
    public bool InGrid { get; set; }

    public static bool IsGridItem(MediaProductType productType, long? parentId) =>
        parentId is null && productType is MediaProductType.Feed or MediaProductType.Reels;
}

public enum TokenKind
{
    ShortLived,
    LongLived,
}

/// <summary>Which API a token speaks; it decides what <c>/me</c> and each node type mean.</summary>
public enum TokenFlavour
{
    BasicDisplay,
    InstagramLogin,
    Facebook,
}

/// <summary>An access token, stored only as its SHA-256 hash.</summary>
public sealed class AccessToken
{
    public required byte[] Hash { get; set; }

    public long AppId { get; set; }

    public long AccountId { get; set; }

    public TokenFlavour Flavour { get; set; }

    public TokenKind Kind { get; set; }

    /// <summary>Granted permissions, comma-separated.</summary>
    public required string Scopes { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }
}

/// <summary>The next free sequence number per <see cref="NodeKind"/>, handed out in blocks.</summary>
public sealed class IdBlock
{
    public NodeKind Kind { get; set; }

    public long Next { get; set; }
}
