using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Facebook;

/// <summary>The seeded Facebook side (the developer, their Pages, the linked accounts) and tokens of any flavour for it.</summary>
public static class FacebookWorld
{
    /// <summary>Every permission of one API, as a scope string.</summary>
    public static string AllScopes(TokenFlavour flavour) =>
        string.Join(',', Permissions.All.Values.Where(p => p.Flavour == flavour).Select(p => p.Name));

    /// <summary>Issues a token of any flavour and kind for any subject of the demo app (the overload of the fixture's Basic Display one).</summary>
    public static async Task<string> IssueTokenAsync(this PictographServer server, long subjectId, TokenFlavour flavour, string scopes, TokenKind kind = TokenKind.LongLived, long? onBehalfOfId = null)
    {
        var grant = new TokenGrant(server.Demo.AppId, subjectId, flavour, kind, TokenInfo.ParseScopes(scopes)) { OnBehalfOfId = onBehalfOfId };
        var (token, _) = await server.Services.GetRequiredService<TokenService>().IssueAsync(grant);
        return token;
    }

    /// <summary>A Facebook Login user token for dev@example.com.</summary>
    public static Task<string> DeveloperTokenAsync(this PictographServer server, string scopes, TokenKind kind = TokenKind.LongLived) =>
        server.IssueTokenAsync(server.Developer().Id, TokenFlavour.Facebook, scopes, kind);

    public static FacebookUser Developer(this PictographServer server) =>
        server.Read(db => db.FacebookUsers.AsNoTracking().Single(u => u.Email == DemoWorld.DeveloperEmail));

    /// <summary>The Pages the developer manages, by id.</summary>
    public static List<Page> DeveloperPages(this PictographServer server)
    {
        var developer = server.Developer().Id;
        return server.Read(db => db.Pages.AsNoTracking()
            .Where(p => db.PageRoles.Any(r => r.PageId == p.Id && r.FacebookUserId == developer))
            .OrderBy(p => p.Id)
            .ToList());
    }

    /// <summary>The Page an account is linked to.</summary>
    public static Page PageOf(this PictographServer server, string username)
    {
        var account = server.Account(username).Id;
        return server.Read(db => db.Pages.AsNoTracking().Single(p => p.InstagramAccountId == account));
    }

    public static T Read<T>(this PictographServer server, Func<PictographDb, T> read)
    {
        using var scope = server.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<PictographDb>());
    }

    public static async Task WriteAsync(this PictographServer server, Func<PictographDb, Task> write)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        await write(db);
        await db.SaveChangesAsync();
    }

    /// <summary>Sends a request with a method other than GET, the token in the query.</summary>
    public static async Task<GraphResponse> SendAsync(this PictographServer server, HttpMethod method, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        return await server.SendAsync(request);
    }
}
