namespace Pictograph.Data;

public enum AppMode
{
    Development,
    Live,
}

/// <summary>A developer app: the client of OAuth and of every token.</summary>
public sealed class App
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The secret as stored: encrypted at rest (see <c>AppSecrets</c>); read it through <c>AppSecrets.Reveal</c>.</summary>
    public required string StoredSecret { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>In development only people with a role on the app may authorize it.</summary>
    public AppMode Mode { get; set; } = AppMode.Development;

    /// <summary>Valid OAuth redirect URIs, one per line; a redirect_uri must match one exactly.</summary>
    public string RedirectUris { get; set; } = "";

    public string? DeauthorizeCallbackUrl { get; set; }

    public string? DataDeletionCallbackUrl { get; set; }

    /// <summary>"Require App Secret": every user-token call must carry a valid appsecret_proof.</summary>
    public bool RequireAppSecretProof { get; set; }

    public IReadOnlyList<string> RedirectUriList =>
        RedirectUris.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum AppRoleKind
{
    Administrator,
    Developer,
    Tester,
}

/// <summary>A person's role on an app: a Facebook user (developers) or an Instagram account (testers).</summary>
public sealed class AppRole
{
    public long AppId { get; set; }

    /// <summary>A <see cref="FacebookUser"/> or an <see cref="Account"/> id; its kind is in the id.</summary>
    public long PersonId { get; set; }

    public AppRoleKind Role { get; set; }
}

/// <summary>A Facebook user: signs in to Facebook Login and the developer dashboard, manages Pages.</summary>
public sealed class FacebookUser
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? PasswordHash { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>A Facebook Page; professional Instagram accounts are reached through the Page they are linked to.</summary>
public sealed class Page
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    public long? InstagramAccountId { get; set; }
}

/// <summary>A Facebook user's tasks on a Page (MANAGE, CREATE_CONTENT, MODERATE, ADVERTISE, ANALYZE…), comma-separated.</summary>
public sealed class PageRole
{
    public long PageId { get; set; }

    public long FacebookUserId { get; set; }

    public required string Tasks { get; set; }
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

    /// <summary>Hashed with ASP.NET Core Identity's password hasher; null means the account cannot sign in.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Audience demographics (insights): ISO 3166 country code, city, gender (F/M/U) and birth year, when known.</summary>
    public string? Country { get; set; }

    public string? City { get; set; }

    public string? Gender { get; set; }

    public int? BirthYear { get; set; }
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

    /// <summary>Alternative text of an image (alt_text).</summary>
    public string? AltText { get; set; }

    /// <summary>For reels: whether it also appears in the feed (share_to_feed).</summary>
    public bool? SharedToFeed { get; set; }

    /// <summary>
    /// True when the item is listed on its owner's profile grid: a top-level feed post or reel (not a
    /// story, not an ad, not a carousel child). Kept as a column so the media edge is one index range.
    /// </summary>
    public bool InGrid { get; set; }

    /// <summary>
    /// Raised by the database itself on every update of the row (a trigger), so a copy kept in memory
    /// (<see cref="Rows.MediaCache"/>) is known current when the grid index shows the same number.
    /// </summary>
    public long Version { get; set; }

    public static bool IsGridItem(MediaProductType productType, long? parentId) =>
        parentId is null && productType is MediaProductType.Feed or MediaProductType.Reels;
}

public enum TokenKind
{
    ShortLived,
    LongLived,

    /// <summary>A Page token: it lasts as long as the user token it came from (forever for a long-lived one).</summary>
    Page,

    /// <summary>An app token, "{app-id}|{app-secret}": never stored, checked against the app.</summary>
    App,
}

/// <summary>Which API a token speaks; it decides what <c>/me</c> and each node type mean.</summary>
public enum TokenFlavour
{
    BasicDisplay,
    InstagramLogin,
    Facebook,
}

/// <summary>Why a token stopped working before its expiry; each has its own code-190 subcode.</summary>
public enum TokenRevocation
{
    Revoked,
    PasswordChanged,
    Deauthorized,
    CodeReused,
}

/// <summary>An access token, stored only as its SHA-256 hash.</summary>
public sealed class AccessToken
{
    public required byte[] Hash { get; set; }

    public long AppId { get; set; }

    /// <summary>Whom the token acts for: an Instagram account, a Facebook user or a Page (the kind is in the id).</summary>
    public long SubjectId { get; set; }

    /// <summary>For a Page token, the Facebook user who obtained it.</summary>
    public long? OnBehalfOfId { get; set; }

    /// <summary>The authorization code that minted it, so a replayed code can revoke what it made.</summary>
    public byte[]? CodeHash { get; set; }

    public TokenFlavour Flavour { get; set; }

    public TokenKind Kind { get; set; }

    /// <summary>Granted permissions, comma-separated.</summary>
    public required string Scopes { get; set; }

    public long IssuedAt { get; set; }

    /// <summary>Unix seconds; 0 means it never expires (long-lived Page tokens).</summary>
    public long ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public TokenRevocation? RevokedBecause { get; set; }
}

/// <summary>A single-use OAuth authorization code, stored only as its SHA-256 hash.</summary>
public sealed class AuthorizationCode
{
    public required byte[] Hash { get; set; }

    public long AppId { get; set; }

    public long SubjectId { get; set; }

    public TokenFlavour Flavour { get; set; }

    /// <summary>The redirect_uri the code was issued to; the exchange must name the same one.</summary>
    public required string RedirectUri { get; set; }

    public required string Scopes { get; set; }

    public long ExpiresAt { get; set; }

    public long? UsedAt { get; set; }
}

/// <summary>The next free sequence number per <see cref="NodeKind"/>, handed out in blocks.</summary>
public sealed class IdBlock
{
    public NodeKind Kind { get; set; }

    public long Next { get; set; }
}
