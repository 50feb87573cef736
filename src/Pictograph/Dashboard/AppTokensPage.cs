using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>
/// The token generator (a long-lived user token for someone with a role, with permissions of one API,
/// shown once) and the app's tokens, known only by hash prefix, with revocation.
/// </summary>
internal static class AppTokensPage
{
    private const int Listed = 100;
    private const int HashPrefixLength = 12;

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["revoked"] = "Token revoked: calls with it now fail with code 190.",
        ["unchanged"] = "That token was already revoked.",
    };

    private static readonly (TokenFlavour Flavour, string Api, string ShortName)[] Apis =
    [
        (TokenFlavour.BasicDisplay, "Instagram Basic Display", "Basic Display"),
        (TokenFlavour.InstagramLogin, "Instagram API with Instagram Login", "Instagram Login"),
        (TokenFlavour.Facebook, "Instagram API with Facebook Login", "Facebook Login"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/tokens", ShowAsync);
        app.MapPost("/tokens", GenerateAsync);
        app.MapPost("/tokens/revoke", RevokeAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PictographDb db, TimeProvider clock, string? done) =>
        await RenderAsync(http, db, clock, new Choice(null, []), [], issued: null, done is null ? null : Notices.GetValueOrDefault(done));

    private static async Task<IResult> GenerateAsync(HttpContext http, PictographDb db, TokenService tokens, TimeProvider clock)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var choice = new Choice(form["person"].ToString(), Permissions.ToScopeStrings(form["scope"].OfType<string>()));
        var people = await AppPeople.ListAsync(db, appId, http.RequestAborted);
        var person = people.FirstOrDefault(p => p.Id.ToString(CultureInfo.InvariantCulture) == choice.Person);
        var problems = Problems(person, choice.Scopes);
        if (person is null || problems.Count > 0)
        {
            return await RenderAsync(http, db, clock, choice, problems, issued: null, notice: null, StatusCodes.Status400BadRequest);
        }

        var flavour = Permissions.All[choice.Scopes[0]].Flavour;
        var (token, info) = await tokens.IssueAsync(new TokenGrant(appId, person.Id, flavour, TokenKind.LongLived, choice.Scopes), http.RequestAborted);
        return await RenderAsync(http, db, clock, choice, [], new Issued(token, person.Label, info), notice: null);
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, TokenService tokens)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var hash = new byte[SHA256.HashSizeInBytes];
        var revoked = Convert.FromHexString(form["hash"].ToString(), hash, out _, out var written) == OperationStatus.Done
            && written == hash.Length
            && await tokens.RevokeHashAsync(appId, hash, http.RequestAborted) > 0;
        return Results.Redirect(DashboardPaths.App(appId, "tokens") + (revoked ? "?done=revoked" : "?done=unchanged"));
    }

    /// <summary>One token speaks one API, and Instagram APIs act for Instagram accounts, Facebook Login for Facebook users.</summary>
    private static List<string> Problems(AppPerson? person, IReadOnlyList<string> scopes)
    {
        var problems = new List<string>();
        if (person is null)
        {
            problems.Add("Choose whom the token is for.");
        }

        var unknown = scopes.Where(s => !Permissions.All.ContainsKey(s)).ToList();
        var flavours = scopes.Except(unknown).Select(s => Permissions.All[s].Flavour).Distinct().ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"Unknown permission: {string.Join(", ", unknown)}.");
        }
        else if (flavours.Count == 0)
        {
            problems.Add("Choose at least one permission.");
        }
        else if (flavours.Count > 1)
        {
            problems.Add("Choose permissions of one API only: a token speaks one API.");
        }
        else if (person is not null && person.IsInstagramAccount != (flavours[0] != TokenFlavour.Facebook))
        {
            problems.Add(person.IsInstagramAccount
                ? "Facebook Login permissions are for Facebook users; an Instagram account gets Basic Display or Instagram Login permissions."
                : "Instagram permissions are for Instagram accounts; a Facebook user gets Facebook Login permissions.");
        }

        return problems;
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, PictographDb db, TimeProvider clock, Choice choice, IReadOnlyCollection<string> problems, Issued? issued, string? notice, int status = StatusCodes.Status200OK)
    {
        var app = DashboardContext.Access(http).App;
        var people = await AppPeople.ListAsync(db, app.Id, http.RequestAborted);
        var html = new StringBuilder(DashboardLayout.Notice(notice)).Append(DashboardLayout.Problems("No token was generated:", problems));
        if (issued is not null)
        {
            html.Append("<div class=\"notice\" role=\"status\"><p>A token for ").Append(Encode(issued.For)).Append(" (")
                .Append(Encode(string.Join(", ", issued.Info.Scopes.Order(StringComparer.Ordinal)))).Append("), valid until ")
                .Append(DashboardLayout.Time(issued.Info.ExpiresAt)).Append(". Copy it now: it is not shown again.</p>")
                .Append("<p><code id=\"generated-token\">").Append(Encode(issued.Token)).Append("</code></p></div>");
        }

        html.Append("<h2>Generate a user token</h2>");
        if (people.Count == 0)
        {
            html.Append("<p class=\"muted\">Nobody has a role on this app yet.</p>");
        }
        else
        {
            html.Append(DashboardLayout.Form(http, DashboardPaths.App(app.Id, "tokens"), GeneratorFields(people, choice), "wide"));
        }

        html.Append(await TokenListAsync(http, db, clock, app.Id));
        return DashboardLayout.AppPage(http, AppTab.Tokens, html.ToString(), status);
    }

    private static string GeneratorFields(List<AppPerson> people, Choice choice)
    {
        // Testers' Instagram accounts are what the generator is mostly for: preselect the first.
        var selected = choice.Person ?? people.FirstOrDefault(p => p.IsInstagramAccount)?.Id.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder("<label>For <select name=\"person\" required>");
        foreach (var person in people)
        {
            var id = person.Id.ToString(CultureInfo.InvariantCulture);
            html.Append("<option value=\"").Append(id).Append('"').Append(id == selected ? " selected" : "").Append('>')
                .Append(Encode(person.Label)).Append(" (").Append(person.Role).Append(")</option>");
        }

        html.Append("</select></label>");
        foreach (var (flavour, api, _) in Apis)
        {
            html.Append("<fieldset><legend>").Append(Encode(api)).Append("</legend>");
            foreach (var permission in Permissions.All.Values.Where(p => p.Flavour == flavour).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                html.Append("<label class=\"check\"><input type=\"checkbox\" name=\"scope\" value=\"").Append(Encode(permission.Name)).Append('"')
                    .Append(choice.Scopes.Contains(permission.Name) ? " checked" : "").Append("> <code>").Append(Encode(permission.Name)).Append("</code>")
                    .Append(permission.DocumentedName is { } documented ? $" <span class=\"hint\">(<code>{Encode(documented)}</code>)</span>" : "")
                    .Append(" <span class=\"hint\">").Append(Encode(permission.Description)).Append("</span></label>");
            }

            html.Append("</fieldset>");
        }

        html.Append("<p class=\"hint\">Choose permissions of one API: the token speaks that API. Instagram accounts get Basic Display or ")
            .Append("Instagram Login tokens, Facebook users get Facebook Login tokens. Tokens are long-lived (60 days).</p>")
            .Append("<div><button>Generate token</button></div>");
        return html.ToString();
    }

    private static async Task<string> TokenListAsync(HttpContext http, PictographDb db, TimeProvider clock, long appId)
    {
        var rows = await db.AccessTokens.AsNoTracking()
            .Where(t => t.AppId == appId)
            .OrderByDescending(t => t.IssuedAt)
            .Take(Listed)
            .ToListAsync(http.RequestAborted);
        var html = new StringBuilder("<h2>Tokens</h2>");
        html.Append("<p class=\"hint\">The newest ").Append(Listed).Append(" user and Page tokens of this app, however they were issued. ")
            .Append("Token text is never stored: each is known by the start of its SHA-256 hash.</p>");
        if (rows.Count == 0)
        {
            return html.Append("<p class=\"muted\">No tokens yet.</p>").ToString();
        }

        var labels = await AppPeople.LabelsAsync(db, rows.Select(r => r.SubjectId), http.RequestAborted);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        html.Append("<table><thead><tr><th>Hash</th><th>For</th><th>API</th><th>Permissions</th><th>Issued</th><th>Expires</th><th>State</th><th></th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var hash = Convert.ToHexStringLower(row.Hash);
            var state = row.RevokedAt is not null ? "revoked" : row.ExpiresAt != 0 && row.ExpiresAt <= now ? "expired" : "active";
            // A plain revocation needs no note; the other reasons (password changed, deauthorized, code reused) do.
            var why = row.RevokedBecause is { } reason and not TokenRevocation.Revoked ? $" <span class=\"hint\">{reason}</span>" : "";
            html.Append("<tr><td><code>").Append(hash[..HashPrefixLength]).Append("</code></td>")
                .Append("<td>").Append(Encode(labels.GetValueOrDefault(row.SubjectId) ?? row.SubjectId.ToString(CultureInfo.InvariantCulture))).Append("</td>")
                .Append("<td>").Append(Apis.Single(a => a.Flavour == row.Flavour).ShortName).Append(row.Kind == TokenKind.Page ? " (Page)" : "").Append("</td>")
                .Append("<td>").Append(Encode(row.Scopes.Replace(",", ", ", StringComparison.Ordinal))).Append("</td>")
                .Append("<td>").Append(DashboardLayout.Time(row.IssuedAt)).Append("</td>")
                .Append("<td>").Append(row.ExpiresAt == 0 ? "never" : DashboardLayout.Time(row.ExpiresAt)).Append("</td>")
                .Append("<td>").Append(DashboardLayout.Badge(state)).Append(why).Append("</td><td>");
            if (row.RevokedAt is null)
            {
                html.Append(DashboardLayout.Form(http, DashboardPaths.App(appId, "tokens/revoke"),
                    $"<input type=\"hidden\" name=\"hash\" value=\"{hash}\"><button class=\"link\">Revoke</button>", "inline"));
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>What the generator form holds: the person's id as posted and the ticked permissions.</summary>
    private sealed record Choice(string? Person, IReadOnlyList<string> Scopes);

    private sealed record Issued(string Token, string For, TokenInfo Info);
}
