using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;

namespace Pictograph.Nodes;

/// <summary>
/// What an Instagram token (Basic Display, Instagram Login) reaches: its own account and that account's
/// media; stories only with Instagram Login, and only while they are live.
/// </summary>
public static class OwnAssets
{
    // Compiled: /me and /me/{edge} load this one row on every call, and a compiled query skips EF Core's
    // per-call expression work (parameter extraction, cache-key hashing, SQL lookup).
    private static readonly Func<PictographDb, long, CancellationToken, Task<Account?>> AccountById =
        EF.CompileAsyncQuery((PictographDb db, long id, CancellationToken _) => db.Accounts.AsNoTracking().FirstOrDefault(a => a.Id == id));

    public static async Task<IReadOnlyDictionary<long, Account>> AccountsAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        if (!ids.Contains(self))
        {
            return new Dictionary<long, Account>();
        }

        var account = await AccountById(context.Db(), self, context.CancellationToken).ConfigureAwait(false);
        return account is null ? new Dictionary<long, Account>() : new Dictionary<long, Account> { [self] = account };
    }

    /// <summary>How long a story is live, and readable by its id with a professional token.</summary>
    public const long StoryLifetime = 24 * 60 * 60;

    /// <summary>Instagram Login: the account's media by id, stories included while they are live.</summary>
    public static async Task<IReadOnlyDictionary<long, Data.Media>> ProfessionalMediaAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        var since = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() - StoryLifetime;
        return await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && (m.ProductType != MediaProductType.Story || m.CreatedAt > since))
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }

    private static readonly Func<PictographDb, long, long, CancellationToken, Task<Data.Media?>> OwnMediaById =
        EF.CompileAsyncQuery((PictographDb db, long owner, long id, CancellationToken _) =>
            db.Media.AsNoTracking().FirstOrDefault(m => m.Id == id && m.OwnerId == owner && m.ProductType != MediaProductType.Story));

    /// <summary>Basic Display: the account's media by id, never its stories.</summary>
    public static async Task<IReadOnlyDictionary<long, Data.Media>> MediaAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var self = context.Caller().Token.SubjectId;
        if (ids.Count == 1)
        {
            // /{media-id}: one row by its key, compiled.
            var id = ids.First();
            return await OwnMediaById(context.Db(), self, id, context.CancellationToken).ConfigureAwait(false) is { } one
                ? new Dictionary<long, Data.Media> { [id] = one }
                : new Dictionary<long, Data.Media>();
        }

        return await context.Db().Media.AsNoTracking()
            .Where(m => m.OwnerId == self && ids.Contains(m.Id) && m.ProductType != MediaProductType.Story)
            .ToDictionaryAsync(m => m.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}
