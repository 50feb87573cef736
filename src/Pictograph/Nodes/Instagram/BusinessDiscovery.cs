using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// <c>business_discovery.username(name){…}</c> on an IGUser (Facebook Login): another professional account's
/// public fields and its grid, found by exact username. Personal accounts and unknown names are "Cannot find User".
/// </summary>
public static class BusinessDiscovery
{
    public static NodeType<Account> WithBusinessDiscovery(this NodeType<Account> user) =>
        user.Lookup("business_discovery", Target(), FindAsync);

    /// <summary>The discovered account: public profile fields and its media grid, nothing private.</summary>
    private static NodeType<Account> Target()
    {
        var media = IGHashtag.PublicMedia(withUsername: true);
        return new NodeType<Account>("IGUser", a => a.Id)
            .LoadedBy(async (ids, context) => await context.Db().Accounts.AsNoTracking()
                .Where(a => ids.Contains(a.Id) && a.AccountType != AccountType.Personal)
                .ToDictionaryAsync(a => a.Id, context.CancellationToken)
                .ConfigureAwait(false))
            .Integer("ig_id", a => NodeIds.Legacy(a.Id))
            .WithProfileFields()
            .Connection("media", media, MediaQueries.GridOf, m => (m.CreatedAt, m.Id), MediaQueries.GridEdge);
    }

    /// <summary>
    /// The answer graph.facebook.com gives for a name that is no professional account: code 110,
    /// subcode 2207013, "Cannot find User".
    /// </summary>
    public static GraphException CannotFind(string username) =>
        new(new GraphError(110, "Invalid user id")
        {
            Subcode = 2207013,
            UserTitle = "Cannot find User",
            UserMessage = $"The user with username: {username} cannot be found.",
        });

    private static async Task<IReadOnlyList<long?>> FindAsync(IReadOnlyList<Account> parents, IReadOnlyList<FieldModifier> modifiers, GraphContext context)
    {
        var username = modifiers.LastOrDefault(m => m.Name == "username")?.Value?.Trim();
        if (string.IsNullOrEmpty(username))
        {
            throw GraphErrors.InvalidParameter("The parameter username is required");
        }

        var shown = username.Length <= 64 ? username : username[..64] + "…";
        var lower = username.ToLowerInvariant();
        var found = await context.Db().Accounts.AsNoTracking()
            .Where(a => a.Username.ToLower() == lower && a.AccountType != AccountType.Personal)
            .Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(context.CancellationToken)
            .ConfigureAwait(false)
            ?? throw CannotFind(shown);
        return [.. parents.Select(_ => found)];
    }
}
