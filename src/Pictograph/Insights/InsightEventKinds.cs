namespace Pictograph.Insights;

/// <summary>The <see cref="Data.InsightEvent.Kind"/> values. Likes and comments are counted from their own tables.</summary>
public static class InsightEventKinds
{
    /// <summary>A media file or permalink was viewed (an impression; the actor, when known, counts for reach).</summary>
    public const string View = "view";

    /// <summary>Someone opened the account's profile (MediaId set when they came from a media item).</summary>
    public const string ProfileView = "profile_view";

    /// <summary>A tap on a profile link or contact button; Detail is the contact_button_type (BOOK_NOW, CALL, DIRECTION, EMAIL, INSTANT_EXPERIENCE, TEXT, UNDEFINED).</summary>
    public const string ProfileLinkTap = "profile_link_tap";

    /// <summary>A tap on the website link of the profile (MediaId set when they came from a media item).</summary>
    public const string WebsiteClick = "website_click";

    public const string Save = "save";

    public const string Share = "share";

    public const string Repost = "repost";

    /// <summary>
    /// A follow that started from a media item (MediaId; ActorId the follower): the media's <c>follows</c>.
    /// The follow itself is a <see cref="Data.Follow"/> row, which account insights count.
    /// </summary>
    public const string Follow = "follow";

    /// <summary>ActorId stopped following AccountId (the Follow row is gone, so only this event remembers it).</summary>
    public const string Unfollow = "unfollow";

    /// <summary>Story navigation; Detail is TAP_FORWARD, TAP_BACK, TAP_EXIT or SWIPE_FORWARD.</summary>
    public const string Navigation = "navigation";

    /// <summary>A reply to a story.</summary>
    public const string Reply = "reply";

    /// <summary>A tap on a story's link.</summary>
    public const string LinkClick = "link_click";
}
