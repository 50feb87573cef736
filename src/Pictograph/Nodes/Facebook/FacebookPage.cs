using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;
using Pictograph.Webhooks;

namespace Pictograph.Nodes.Facebook;

/// <summary>A Page as its caller sees it: with the tasks the caller (or the user behind a Page token) may perform there.</summary>
public sealed record ManagedPage(Page Page, string Tasks);

/// <summary>
/// The Facebook "Page": readable by a user with a role on it and by its own Page token; anyone else's
/// is "does not exist". It leads to the linked professional Instagram account.
/// </summary>
public static class FacebookPage
{
    /// <summary><c>/me/accounts</c> lists more per Page by default than <c>/{page-id}</c> answers.</summary>
    public static readonly ConnectionOptions AccountsEdge = new()
    {
        ItemDefaults = FieldSelection.Of("access_token", "category", "category_list", "name", "id", "tasks"),
    };

    /// <summary>A user's Pages in id order: the key is the Page id alone.</summary>
    private static readonly Keyset<PageRole> RolesByPage = new(r => r.PageId, r => r.PageId, descending: false);

    public static NodeType<ManagedPage> Create(NodeType<Account> instagramUser) =>
        new NodeType<ManagedPage>("Page", p => p.Page.Id)
            .Requires(Permissions.PagesShowList, Permissions.PagesReadEngagement)
            .LoadedBy(LoadAsync)
            .Defaults("name", "id")
            .Batched<string>("access_token", PageTokensAsync, (w, token) => w.WriteStringValue(token))
            .String("category", p => p.Page.Category)
            .Value("category_list", p => p.Page.Category, WriteCategoryList)
            .Reference("connected_instagram_account", instagramUser, p => p.Page.InstagramAccountId, requires: [Permissions.InstagramBasic])
            .Reference("instagram_business_account", instagramUser, p => p.Page.InstagramAccountId, requires: [Permissions.InstagramBasic])
            .String("name", p => p.Page.Name)
            .Value("tasks", p => p.Tasks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), WriteStrings)
            .WithSubscribedApps();

    private static async Task<IReadOnlyDictionary<long, ManagedPage>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var db = context.Db();
        var roles = ManagedAssets.Roles(db, context.Caller().Token);
        var rows = await db.Pages.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Join(roles, p => p.Id, r => r.PageId, (p, r) => new { Page = p, r.Tasks })
            .ToListAsync(context.CancellationToken)
            .ConfigureAwait(false);
        return rows.ToDictionary(x => x.Page.Id, x => new ManagedPage(x.Page, x.Tasks));
    }

    /// <summary>The Pages a user has a role on, by Page id, for a whole level: the role rows are keyset-paged, then their Pages loaded in one query.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<ManagedPage>>> OfUsersAsync(IReadOnlyList<ConnectionQuery<Data.FacebookUser>> queries, GraphContext context)
    {
        var db = context.Db();
        var roles = await RolesByPage.LoadAsync(queries, q => db.PageRoles.Where(r => r.FacebookUserId == q.Parent.Id), r => r.FacebookUserId, u => u.Id, context)
            .ConfigureAwait(false);
        var pageIds = roles.SelectMany(list => list.Select(r => r.PageId)).Distinct().ToList();
        var pages = await db.Pages.AsNoTracking()
            .Where(p => pageIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, context.CancellationToken)
            .ConfigureAwait(false);
        return [.. roles.Select(list => (IReadOnlyList<ManagedPage>)[.. list.Select(r => new ManagedPage(pages[r.PageId], r.Tasks))])];
    }

    /// <summary>
    /// A fresh Page token per Page, for the same app and permissions as the caller's token, on behalf of the
    /// user behind it. It expires with a short-lived user token and never after a long-lived one (a Page
    /// token passes its own expiry on). Issuing per read keeps nothing cached between requests; the rows are small.
    /// </summary>
    private static async Task<IReadOnlyList<string?>> PageTokensAsync(IReadOnlyList<ManagedPage> pages, GraphContext context)
    {
        var caller = context.Caller().Token;
        var user = caller.Kind == TokenKind.Page ? caller.OnBehalfOfId : caller.SubjectId;
        if (user is null)
        {
            return [.. pages.Select(_ => (string?)null)];
        }

        var expiresAt = caller.Kind == TokenKind.LongLived ? 0 : caller.ExpiresAt;
        var grants = pages
            .Select(p => new TokenGrant(caller.AppId, p.Page.Id, TokenFlavour.Facebook, TokenKind.Page, caller.Scopes) { OnBehalfOfId = user, ExpiresAt = expiresAt, CodeHash = caller.CodeHash })
            .ToList();
        var issued = await context.Services.GetRequiredService<TokenService>().IssueManyAsync(grants, context.CancellationToken).ConfigureAwait(false);
        return [.. issued.Select(i => (string?)i.Token)];
    }

    /// <summary>
    /// Pages here have one category, so the list holds that one. Facebook's own category ids are not known
    /// here: each name gets a stable id of its own (the same on every server), in the same form.
    /// </summary>
    private static void WriteCategoryList(Utf8JsonWriter writer, string category)
    {
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("id", CategoryId(category));
        writer.WriteString("name", category);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static string CategoryId(string category)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(category.ToLowerInvariant()));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) % 900_000_000_000_000UL + 100_000_000_000_000UL).ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string[] values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
