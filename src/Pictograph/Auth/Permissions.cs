using System.Collections.Frozen;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>One grantable permission: its scope name, the API that grants it and what it allows, in words for the consent page.</summary>
public sealed record Permission(string Name, TokenFlavour Flavour, string Description);

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
        new(UserProfile, TokenFlavour.BasicDisplay, "Read your profile info: your username and account type."),
        new(UserMedia, TokenFlavour.BasicDisplay, "Read your photos, videos and albums, and how many you have."),

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

    /// <summary>Splits a scope parameter the ways clients send it: commas, spaces or plus signs.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? "").Split([',', ' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
