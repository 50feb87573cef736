using System.Collections.Frozen;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>One grantable permission: its scope name, the API that grants it and what it allows, in words for the consent page.</summary>
/// <param name="DocumentedName">
/// The name Meta's documentation and App Review give the permission where it differs from the scope string the
/// dialog takes (Basic Display's <c>instagram_graph_user_profile</c> is requested as <c>user_profile</c>).
/// </param>
public sealed record Permission(string Name, TokenFlavour Flavour, string Description, string? DocumentedName = null)
{
    /// <summary>The scope string, with the documented name beside it where there is one.</summary>
    public string Label => DocumentedName is null ? Name : $"{Name} ({DocumentedName})";
}

/// <summary>Every permission of the three API flavours, as their OAuth dialogs accept them.</summary>
public static class Permissions
{
    // Basic Display
    public const string UserProfile = "user_profile";
    public const string UserMedia = "user_media";

    // Instagram API with Instagram Login
    public const string BusinessBasic = "instagram_business_basic";
    public const string BusinessContentPublish = "instagram_business_content_publish";
    public const string BusinessManageComments = "instagram_business_manage_comments";
    public const string BusinessManageMessages = "instagram_business_manage_messages";
    public const string BusinessManageInsights = "instagram_business_manage_insights";

    // Instagram API with Facebook Login
    public const string InstagramBasic = "instagram_basic";
    public const string InstagramContentPublish = "instagram_content_publish";
    public const string InstagramManageComments = "instagram_manage_comments";
    public const string InstagramManageInsights = "instagram_manage_insights";
    public const string InstagramManageMessages = "instagram_manage_messages";
    public const string InstagramManageContents = "instagram_manage_contents";
    public const string PagesShowList = "pages_show_list";
    public const string PagesReadEngagement = "pages_read_engagement";
    public const string BusinessManagement = "business_management";
    public const string PublicProfile = "public_profile";
    public const string CatalogManagement = "catalog_management";

    public static readonly FrozenDictionary<string, Permission> All = new Permission[]
    {
        new(UserProfile, TokenFlavour.BasicDisplay, "Read your profile info: your username and account type.", "instagram_graph_user_profile"),
        new(UserMedia, TokenFlavour.BasicDisplay, "Read your photos, videos and albums, and how many you have.", "instagram_graph_user_media"),

        new(BusinessBasic, TokenFlavour.InstagramLogin, "Read your professional account's profile info and media."),
        new(BusinessContentPublish, TokenFlavour.InstagramLogin, "Publish photos, videos, reels, stories and carousels to your account."),
        new(BusinessManageComments, TokenFlavour.InstagramLogin, "Read, reply to, hide and delete comments on your media."),
        new(BusinessManageMessages, TokenFlavour.InstagramLogin, "Read and send messages of your account."),
        new(BusinessManageInsights, TokenFlavour.InstagramLogin, "Read insights of your account and its media."),

        new(InstagramBasic, TokenFlavour.Facebook, "Read the profile info and media of Instagram accounts linked to your Pages."),
        new(InstagramContentPublish, TokenFlavour.Facebook, "Publish content to Instagram accounts linked to your Pages."),
        new(InstagramManageComments, TokenFlavour.Facebook, "Read, reply to, hide and delete comments on those accounts' media."),
        new(InstagramManageInsights, TokenFlavour.Facebook, "Read insights of those accounts and their media."),
        new(InstagramManageMessages, TokenFlavour.Facebook, "Read and send messages of those accounts."),
        new(InstagramManageContents, TokenFlavour.Facebook, "Delete media of those accounts."),
        new("instagram_shopping_tag_products", TokenFlavour.Facebook, "Tag products from your catalogs on those accounts' media."),
        new("instagram_branded_content_brand", TokenFlavour.Facebook, "Manage branded content as a brand."),
        new("instagram_branded_content_creator", TokenFlavour.Facebook, "Manage branded content as a creator."),
        new("instagram_branded_content_ads_brand", TokenFlavour.Facebook, "Run ads with branded content as a brand."),
        new(PagesShowList, TokenFlavour.Facebook, "See the list of Pages you manage."),
        new(PagesReadEngagement, TokenFlavour.Facebook, "Read content and engagement of the Pages you manage."),
        new("pages_manage_metadata", TokenFlavour.Facebook, "Manage settings and webhooks of the Pages you manage."),
        new(BusinessManagement, TokenFlavour.Facebook, "Manage your business assets."),
        new("ads_management", TokenFlavour.Facebook, "Manage ads of the ad accounts you can use."),
        new("ads_read", TokenFlavour.Facebook, "Read ads of the ad accounts you can use."),
        new(CatalogManagement, TokenFlavour.Facebook, "Manage your product catalogs."),
        new(PublicProfile, TokenFlavour.Facebook, "Read your name and profile picture."),
        new("email", TokenFlavour.Facebook, "Read your primary email address."),
    }.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The scope string of each permission known by its documented name (<c>instagram_graph_user_media</c> → <c>user_media</c>).</summary>
    public static readonly FrozenDictionary<string, string> ScopeForDocumentedName = All.Values
        .Where(p => p.DocumentedName is not null)
        .ToFrozenDictionary(p => p.DocumentedName!, p => p.Name, StringComparer.Ordinal);

    /// <summary>
    /// Pictograph's own tools (the CLI, the dashboard) take either name; the OAuth dialog, like Meta's, takes
    /// only the scope strings.
    /// </summary>
    public static IReadOnlyList<string> ToScopeStrings(IEnumerable<string> names) =>
        names.Select(n => ScopeForDocumentedName.GetValueOrDefault(n, n)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Splits a scope parameter the ways clients send it: commas, spaces or plus signs.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? "").Split([',', ' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
