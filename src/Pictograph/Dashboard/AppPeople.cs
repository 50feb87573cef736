using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Dashboard;

/// <summary>A person with a role on an app: a Facebook user or an Instagram account (testers only).</summary>
public sealed record AppPerson(long Id, AppRoleKind Role, string Label)
{
    public bool IsInstagramAccount => NodeIds.KindOf(Id) == NodeKind.Account;
}

/// <summary>Who has a role on an app, and finding people by what an administrator types.</summary>
public static class AppPeople
{
    /// <summary>Everyone with a role on the app, administrators first, then by label.</summary>
    public static async Task<List<AppPerson>> ListAsync(PictographDb db, long appId, CancellationToken cancellationToken)
    {
        var roles = await db.AppRoles.AsNoTracking().Where(r => r.AppId == appId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var labels = await LabelsAsync(db, roles.Select(r => r.PersonId), cancellationToken).ConfigureAwait(false);
        return [.. roles
            .Select(r => new AppPerson(r.PersonId, r.Role, labels.GetValueOrDefault(r.PersonId) ?? $"#{r.PersonId}"))
            .OrderBy(p => p.Role)
            .ThenBy(p => p.Label, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// How pages name the people behind ids: "Name &lt;email&gt;" for Facebook users, "@username" for
    /// Instagram accounts, "Page: Name" for Pages. Unknown ids are left out.
    /// </summary>
    public static async Task<Dictionary<long, string>> LabelsAsync(PictographDb db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var byKind = ids.Distinct().ToLookup(NodeIds.KindOf);
        var users = byKind[NodeKind.FacebookUser].ToList();
        var accounts = byKind[NodeKind.Account].ToList();
        var pages = byKind[NodeKind.Page].ToList();
        var labels = new Dictionary<long, string>();
        foreach (var u in await db.FacebookUsers.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Email }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[u.Id] = $"{u.Name} <{u.Email}>";
        }

        foreach (var a in await db.Accounts.AsNoTracking().Where(a => accounts.Contains(a.Id)).Select(a => new { a.Id, a.Username }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[a.Id] = "@" + a.Username;
        }

        foreach (var p in await db.Pages.AsNoTracking().Where(p => pages.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            labels[p.Id] = "Page: " + p.Name;
        }

        return labels;
    }

    /// <summary>Whether an administrator typed an email address (a Facebook user) rather than an Instagram username.</summary>
    public static bool IsEmail(string who) => who.Trim().IndexOf('@', StringComparison.Ordinal) > 0;

    public static Task<long?> FindFacebookUserAsync(PictographDb db, string email, CancellationToken cancellationToken)
    {
        var trimmed = email.Trim();
        return db.FacebookUsers.Where(u => u.Email == trimmed).Select(u => (long?)u.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>An Instagram account by username, written with or without a leading "@".</summary>
    public static Task<long?> FindAccountAsync(PictographDb db, string username, CancellationToken cancellationToken)
    {
        var trimmed = username.Trim().TrimStart('@');
        return db.Accounts.Where(a => a.Username == trimmed).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken);
    }
}
