using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;

namespace Pictograph.Nodes.Facebook;

/// <summary>
/// What a Facebook Login token reaches: the Pages its user has a role on (a Page token: its own Page, for
/// as long as the user who obtained it keeps a role there), the Instagram accounts linked to those Pages,
/// and their media. App tokens reach none of them. Each is a query to compose into a loader's own.
/// </summary>
public static class ManagedAssets
{
    /// <summary>The caller's roles: one per Page it may act for, with the tasks it may perform there.</summary>
    public static IQueryable<PageRole> Roles(PictographDb db, TokenInfo token)
    {
        var (user, page) = Scope(token);
        var roles = db.PageRoles.Where(r => r.FacebookUserId == user);
        return page is { } only ? roles.Where(r => r.PageId == only) : roles;
    }

    /// <summary>Whose roles count (none for an app token), and the one Page a Page token is limited to.</summary>
    private static (long? User, long? Page) Scope(TokenInfo token) => token.Kind switch
    {
        TokenKind.Page => (token.OnBehalfOfId, token.SubjectId),
        TokenKind.App => (null, null),
        _ => (token.SubjectId, null),
    };

    /// <summary>
    /// One professional account by id if the caller reaches it (an IG User in the path, on nearly every
    /// Facebook Login call): the same rule as <see cref="Accounts"/>, as a direct read (see AccountRows).
    /// </summary>
    public static async ValueTask<Account?> AccountByIdAsync(GraphContext context, long id) =>
        Scope(context.Caller().Token) is ({ } user, var page)
            ? await context.Rows().ManagedAccountAsync(id, user, page ?? 0, context.CancellationToken).ConfigureAwait(false)
            : null;

    public static IQueryable<Page> Pages(PictographDb db, TokenInfo token)
    {
        var roles = Roles(db, token);
        return db.Pages.Where(p => roles.Any(r => r.PageId == p.Id));
    }

    /// <summary>Professional accounts linked to the caller's Pages.</summary>
    public static IQueryable<Account> Accounts(PictographDb db, TokenInfo token)
    {
        var pages = Pages(db, token);
        return db.Accounts.Where(a => pages.Any(p => p.InstagramAccountId == a.Id));
    }

    /// <summary>Those accounts' media, stories aside (they are reached through the stories edge).</summary>
    public static IQueryable<Data.Media> Media(PictographDb db, TokenInfo token)
    {
        var pages = Pages(db, token);
        return db.Media.Where(m => m.ProductType != MediaProductType.Story && pages.Any(p => p.InstagramAccountId == m.OwnerId));
    }

    /// <summary>
    /// Those accounts' media read by id: stories too while they are live (24 hours after posting), as the API serves a
    /// story's fields and insights by its id only until it expires. Applied as direct reads by IGMedia's loader.
    /// </summary>
    public static bool ReachesById(Data.Media media, long now) =>
        media.ProductType != MediaProductType.Story || media.CreatedAt > now - OwnAssets.StoryLifetime;
}
