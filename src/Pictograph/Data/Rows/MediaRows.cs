using Microsoft.Data.Sqlite;

namespace Pictograph.Data.Rows;

/// <summary>
/// The media reads behind most calls (a profile's grid page, one post by id), as fixed SQL mapped by hand for
/// SQLite (<see cref="SqliteRowReads"/>): the same conditions and indexes as the EF Core
/// queries they replace. The columns match <see cref="Media"/>'s; a test compares every mapped row with EF Core's.
/// </summary>
public static class MediaRows
{
    // Qualified by the alias m: json_each, which some queries join, has an "id" column of its own.
    private const string Columns =
        "m.\"Id\", m.\"OwnerId\", m.\"MediaType\", m.\"ProductType\", m.\"Caption\", m.\"CreatedAt\", m.\"Shortcode\", m.\"ParentId\", " +
        "m.\"Position\", m.\"FileKey\", m.\"ThumbnailKey\", m.\"CommentEnabled\", m.\"InGrid\", m.\"AltText\", m.\"SharedToFeed\", m.\"Version\"";

    /// <summary>An account's ($1) post by id ($0), never a story.</summary>
    public const string OwnById = $"SELECT {Columns} FROM \"Media\" AS m WHERE \"Id\" = $0 AND \"OwnerId\" = $1 AND \"ProductType\" <> 'Story'";

    // A grid page's keys: (Id, Version) from the covering grid index alone, no table lookups (see MediaCache).

    /// <summary>The keys of the first $1 posts of an account's ($0) grid, newest first.</summary>
    public const string GridFirst =
        "SELECT m.\"Id\", m.\"Version\" FROM \"Media\" AS m WHERE m.\"OwnerId\" = $0 AND m.\"InGrid\" ORDER BY m.\"CreatedAt\" DESC, m.\"Id\" DESC LIMIT $1";

    /// <summary>The keys of the $3 grid posts of $0 older than the cursor (CreatedAt $1, Id $2), newest first.</summary>
    public const string GridAfter =
        "SELECT m.\"Id\", m.\"Version\" FROM \"Media\" AS m WHERE m.\"OwnerId\" = $0 AND m.\"InGrid\" AND m.\"CreatedAt\" <= $1 " +
        "AND (m.\"CreatedAt\" < $1 OR m.\"Id\" < $2) ORDER BY m.\"CreatedAt\" DESC, m.\"Id\" DESC LIMIT $3";

    /// <summary>The keys of the $3 grid posts of $0 newer than the cursor (CreatedAt $1, Id $2), oldest first.</summary>
    public const string GridBefore =
        "SELECT m.\"Id\", m.\"Version\" FROM \"Media\" AS m WHERE m.\"OwnerId\" = $0 AND m.\"InGrid\" AND m.\"CreatedAt\" >= $1 " +
        "AND (m.\"CreatedAt\" > $1 OR m.\"Id\" > $2) ORDER BY m.\"CreatedAt\", m.\"Id\" LIMIT $3";

    /// <summary>
    /// The keys of the newest $2 grid posts tagged with hashtag $0 posted after $1 (unix seconds), newest first:
    /// the recent index walked from now back, each post probed for the tag.
    /// </summary>
    public const string RecentTagged =
        "SELECT m.\"Id\", m.\"Version\" FROM \"Media\" AS m WHERE m.\"InGrid\" AND m.\"CreatedAt\" > $1 " +
        "AND EXISTS (SELECT 1 FROM \"HashtagUses\" AS h WHERE h.\"HashtagId\" = $0 AND h.\"MediaId\" = m.\"Id\") " +
        "ORDER BY m.\"CreatedAt\" DESC, m.\"Id\" DESC LIMIT $2";

    /// <summary>The same after the cursor (CreatedAt $2, Id $3), $4 of them.</summary>
    public const string RecentTaggedAfter =
        "SELECT m.\"Id\", m.\"Version\" FROM \"Media\" AS m WHERE m.\"InGrid\" AND m.\"CreatedAt\" > $1 " +
        "AND m.\"CreatedAt\" <= $2 AND (m.\"CreatedAt\" < $2 OR m.\"Id\" < $3) " +
        "AND EXISTS (SELECT 1 FROM \"HashtagUses\" AS h WHERE h.\"HashtagId\" = $0 AND h.\"MediaId\" = m.\"Id\") " +
        "ORDER BY m.\"CreatedAt\" DESC, m.\"Id\" DESC LIMIT $4";

    /// <summary>The posts whose ids are in $0 (a JSON array), in no particular order.</summary>
    public const string ByIds = $"SELECT {Columns} FROM json_each($0) AS p JOIN \"Media\" AS m ON m.\"Id\" = p.value";

    /// <summary>
    /// The first $1 items of each carousel in $0 (a JSON array of ids), in their order: one statement whatever the
    /// number of carousels, each carousel's page an index range through a correlated subquery.
    /// </summary>
    public const string FirstChildrenOf =
        $"SELECT {Columns} FROM json_each($0) AS p JOIN \"Media\" AS m ON m.\"Id\" IN " +
        "(SELECT x.\"Id\" FROM \"Media\" AS x WHERE x.\"ParentId\" = p.value ORDER BY x.\"Position\", x.\"Id\" LIMIT $1)";

    public static Media Read(SqliteDataReader row) => new()
    {
        Id = row.GetInt64(0),
        OwnerId = row.GetInt64(1),
        MediaType = Enum.Parse<MediaType>(row.GetString(2)),
        ProductType = Enum.Parse<MediaProductType>(row.GetString(3)),
        Caption = row.TextOrNull(4),
        CreatedAt = row.GetInt64(5),
        Shortcode = row.GetString(6),
        ParentId = row.IsDBNull(7) ? null : row.GetInt64(7),
        Position = row.GetInt32(8),
        FileKey = row.TextOrNull(9),
        ThumbnailKey = row.TextOrNull(10),
        CommentEnabled = row.GetBoolean(11),
        InGrid = row.GetBoolean(12),
        AltText = row.TextOrNull(13),
        SharedToFeed = row.IsDBNull(14) ? null : row.GetBoolean(14),
        Version = row.GetInt64(15),
    };

    public static (long Id, long Version) ReadKey(SqliteDataReader row) => (row.GetInt64(0), row.GetInt64(1));
}
