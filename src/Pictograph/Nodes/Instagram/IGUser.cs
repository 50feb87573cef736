using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// "IGUser", the professional account as the API with Facebook Login serves it: reachable only through
/// a Page the caller manages (or that Page's own token).
/// </summary>
public static class IGUser
{
    /// <summary>The node without its media edge, which needs IGMedia, whose owner needs this: see <see cref="ProfessionalFields.WithMediaEdge"/>.</summary>
    public static NodeType<Account> Create() =>
        new NodeType<Account>("IGUser", a => a.Id)
            .Requires(Permissions.InstagramBasic)
            .LoadedBy(LoadAsync)
            // The legacy Instagram user id: a JSON number in Meta's answers, so a small one of its own.
            .Integer("ig_id", a => NodeIds.Legacy(a.Id))
            .String("legacy_instagram_user_id", a => ProfessionalFields.LegacyId(a.Id))
            .Boolean("has_profile_pic", a => a.ProfilePictureKey is not null)
            // Every account here is published (none is being set up or taken down).
            .Boolean("is_published", _ => true)
            // No product catalogs exist here, so no account can tag products yet; the field still needs catalog access.
            .Boolean("shopping_product_tag_eligibility", _ => false, requires: [Permissions.CatalogManagement])
            .EmptyByDesign("no product catalogs exist here, so no account can tag products")
            // Accounts here belong to no Business Manager and have no shop to review: both are left out.
            .String("owner_business", _ => null)
            .EmptyByDesign("no business manager owns an account here")
            .String("shopping_review_status", _ => null)
            .EmptyByDesign("no account has a shop under review here")
            .WithProfileFields()
            .WithNotYet(UserEdges.FacebookNotYet);

    private static async Task<IReadOnlyDictionary<long, Account>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        if (ids.Count == 1)
        {
            // The IG User in the path: a direct read.
            var id = ids.First();
            return await ManagedAssets.AccountByIdAsync(context, id).ConfigureAwait(false) is { } account ? new Dictionary<long, Account> { [id] = account } : new Dictionary<long, Account>();
        }

        return await ManagedAssets.Accounts(context.Db(), context.Caller().Token).AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }
}
