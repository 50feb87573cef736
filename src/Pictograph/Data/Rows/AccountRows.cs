using Microsoft.Data.Sqlite;

namespace Pictograph.Data.Rows;

/// <summary>
/// The account reads nearly every call makes (the token's own account), as fixed SQL mapped by hand for
/// SQLite (<see cref="SqliteRowReads"/>). The columns match <see cref="Account"/>'s; a test
/// compares every mapped row with EF Core's.
/// </summary>
public static class AccountRows
{
    private const string Columns =
        "\"Id\", \"Username\", \"AccountType\", \"Name\", \"Biography\", \"Website\", \"ProfilePictureKey\", \"CreatedAt\", " +
        "\"PasswordHash\", \"Country\", \"City\", \"Gender\", \"BirthYear\"";

    /// <summary>One account by id ($0).</summary>
    public const string ById = $"SELECT {Columns} FROM \"Accounts\" WHERE \"Id\" = $0";

    /// <summary>
    /// Account $0 if Facebook user $1 has a role on a Page it is linked to (on Page $2 only, unless $2 is 0):
    /// what a Facebook Login token reaches (ManagedAssets).
    /// </summary>
    public const string ManagedById =
        $"SELECT {Columns} FROM \"Accounts\" AS a WHERE a.\"Id\" = $0 AND EXISTS (SELECT 1 FROM \"Pages\" AS p " +
        "JOIN \"PageRoles\" AS r ON r.\"PageId\" = p.\"Id\" WHERE p.\"InstagramAccountId\" = a.\"Id\" AND r.\"FacebookUserId\" = $1 AND ($2 = 0 OR r.\"PageId\" = $2))";

    /// <summary>The (id, username) of each account in $0 (a JSON array of ids).</summary>
    public const string UsernamesOf = "SELECT \"Id\", \"Username\" FROM \"Accounts\" WHERE \"Id\" IN (SELECT value FROM json_each($0))";

    public static Account Read(SqliteDataReader row) => new()
    {
        Id = row.GetInt64(0),
        Username = row.GetString(1),
        AccountType = Enum.Parse<AccountType>(row.GetString(2)),
        Name = row.TextOrNull(3),
        Biography = row.TextOrNull(4),
        Website = row.TextOrNull(5),
        ProfilePictureKey = row.TextOrNull(6),
        CreatedAt = row.GetInt64(7),
        PasswordHash = row.TextOrNull(8),
        Country = row.TextOrNull(9),
        City = row.TextOrNull(10),
        Gender = row.TextOrNull(11),
        BirthYear = row.IsDBNull(12) ? null : row.GetInt32(12),
    };

    public static (long Id, string Username) ReadIdAndUsername(SqliteDataReader row) => (row.GetInt64(0), row.GetString(1));
}
