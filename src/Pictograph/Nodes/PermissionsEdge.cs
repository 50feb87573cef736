using Pictograph.Auth;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Mutations;

namespace Pictograph.Nodes;

/// <summary><c>DELETE /{user-id}/permissions</c> (and <c>/me/permissions</c>): the person takes back what they granted the caller's app.</summary>
public static class PermissionsEdge
{
    public static Mutation<T> Revoke<T>(Func<T, long> personId) => async (person, arguments, context) =>
    {
        // Tokens carry no per-permission grants to take one back from; refusing beats silently revoking them all.
        if (!string.IsNullOrEmpty(arguments["permission"]))
        {
            throw GraphErrors.InvalidParameter("Revoking a single permission is not supported; DELETE /me/permissions without a permission revokes them all");
        }

        var deauthorization = context.Services.GetRequiredService<Deauthorization>();
        await deauthorization.DeauthorizeAsync(personId(person), context.Caller().Token.AppId, context.CancellationToken).ConfigureAwait(false);
        return MutationResult.Success;
    };
}
