namespace Pictograph.Data;

/// <summary>A comment on a media item, or a reply to one (<see cref="ParentId"/>).</summary>
public sealed class Comment
{
    public long Id { get; set; }

    public long MediaId { get; set; }

    public long AuthorId { get; set; }

    public required string Text { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>The top-level comment this one replies to.</summary>
    public long? ParentId { get; set; }

    /// <summary>Hidden by the media owner: still readable by the owner, not shown to others.</summary>
    public bool Hidden { get; set; }
}

/// <summary>Someone liked a media item.</summary>
public sealed class MediaLike
{
    public long MediaId { get; set; }

    public long AccountId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>Someone liked a comment.</summary>
public sealed class CommentLike
{
    public long CommentId { get; set; }

    public long AccountId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>The follow graph: <see cref="FollowerId"/> follows <see cref="FolloweeId"/>.</summary>
public sealed class Follow
{
    public long FollowerId { get; set; }

    public long FolloweeId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>A hashtag; ids are global and stable, names lowercase without '#'.</summary>
public sealed class Hashtag
{
    public long Id { get; set; }

    public required string Name { get; set; }
}

/// <summary>A hashtag written in a caption (CommentId null) or a comment on a media item, recorded at write time.</summary>
public sealed class HashtagUse
{
    public long Id { get; set; }

    public long HashtagId { get; set; }

    public long MediaId { get; set; }

    public long? CommentId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>A hashtag an account searched (ig_hashtag_search); 30 unique per rolling 7 days.</summary>
public sealed class HashtagSearch
{
    public long AccountId { get; set; }

    public long HashtagId { get; set; }

    /// <summary>Unix seconds of the latest search.</summary>
    public long SearchedAt { get; set; }
}

/// <summary>An @-mention of an account in a caption (CommentId null) or a comment, recorded at write time.</summary>
public sealed class Mention
{
    public long Id { get; set; }

    /// <summary>The account mentioned.</summary>
    public long AccountId { get; set; }

    public long MediaId { get; set; }

    public long? CommentId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>An account tagged in a media item (the <c>tags</c> edge).</summary>
public sealed class UserTag
{
    public long MediaId { get; set; }

    public long AccountId { get; set; }
}
