using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Nodes;

namespace Pictograph.Webhooks;

/// <summary>
/// An account turns on an app's webhooks for itself: <c>/me/subscribed_apps</c> (Instagram Login) and
/// <c>/{page-id}/subscribed_apps</c> (Facebook Login, for the Page's linked account). Both are kept as an
/// <see cref="AccountSubscription"/> of the account with the fields it named, and only the calling app's row is written.
/// </summary>
public static class SubscribedApps
{
    /// <summary>POST: sets the calling app's fields for the account (replacing any earlier ones).</summary>
    /// <param name="permissionFor">The permission each field needs of the caller's token (null: none beyond the edge's).</param>
    public static async Task<MutationResult> SetAsync(long accountId, GraphArguments arguments, GraphContext context, Func<string, string?> permissionFor)
    {
        var (fields, problem) = WebhookFields.Parse(arguments["subscribed_fields"], "subscribed_fields");
        if (problem is not null)
        {
            throw GraphErrors.InvalidParameter(problem);
        }

        if (fields.Count == 0)
        {
            throw GraphErrors.InvalidParameter("The parameter subscribed_fields is required");
        }

        if (fields.Select(permissionFor).FirstOrDefault(p => p is not null && !context.HasPermission(p)) is { } missing)
        {
            throw new GraphException(new GraphError(200, $"(#200) Subscribing to these fields requires the {missing} permission") { HttpStatus = 403 });
        }

        var db = context.Db();
        var appId = context.Caller().Token.AppId;
        var row = await db.AccountSubscriptions.SingleOrDefaultAsync(s => s.AccountId == accountId && s.AppId == appId, context.CancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            var now = context.Now().ToUnixTimeSeconds();
            row = new AccountSubscription { AccountId = accountId, AppId = appId, Fields = "", CreatedAt = now };
            db.AccountSubscriptions.Add(row);
        }

        row.Fields = string.Join(',', fields);
        await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        return MutationResult.Success;
    }

    /// <summary>GET: <c>{"data":[{"app_id":…,"subscribed_fields":[…]}]}</c>, or for a Page <c>{"data":[{"name":…,"id":…,"subscribed_fields":[…]}]}</c>.</summary>
    public static async Task<MutationResult> ListAsync(long accountId, GraphContext context, bool pageShape)
    {
        var db = context.Db();
        var rows = await db.AccountSubscriptions.AsNoTracking()
            .Where(s => s.AccountId == accountId)
            .Join(db.Apps, s => s.AppId, a => a.Id, (s, a) => new { s.AppId, a.Name, s.Fields })
            .OrderBy(s => s.AppId)
            .ToListAsync(context.CancellationToken).ConfigureAwait(false);
        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var row in rows)
            {
                var id = row.AppId.ToString(CultureInfo.InvariantCulture);
                w.WriteStartObject();
                if (pageShape)
                {
                    w.WriteString("name", row.Name);
                    w.WriteString("id", id);
                }
                else
                {
                    w.WriteString("app_id", id);
                }

                w.WriteStartArray("subscribed_fields");
                foreach (var field in WebhookFields.Stored(row.Fields))
                {
                    w.WriteStringValue(field);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>DELETE: the calling app stops getting the account's events.</summary>
    public static async Task<MutationResult> RemoveAsync(long accountId, GraphContext context)
    {
        var appId = context.Caller().Token.AppId;
        await context.Db().AccountSubscriptions.Where(s => s.AccountId == accountId && s.AppId == appId)
            .ExecuteDeleteAsync(context.CancellationToken).ConfigureAwait(false);
        return MutationResult.Success;
    }
}
