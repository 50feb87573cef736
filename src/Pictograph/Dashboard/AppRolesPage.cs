using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>
/// An app's roles: administrators and developers (Facebook users, by email) and testers (Instagram
/// accounts by username, or Facebook users by email). A person holds one role; adding them again changes it.
/// </summary>
internal static class AppRolesPage
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["added"] = "Role saved.",
        ["removed"] = "Role removed.",
    };

    private static readonly Dictionary<AppRoleKind, string> Explanations = new()
    {
        [AppRoleKind.Administrator] = "Full control: settings, secret, roles and tokens.",
        [AppRoleKind.Developer] = "Can see the settings and roles, and generate and revoke tokens.",
        [AppRoleKind.Tester] = "Can authorize the app while it is in development mode; sees nothing of the dashboard.",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/roles", ShowAsync);
        app.MapPost("/roles", AddAsync).AdministratorsOnly();
        app.MapPost("/roles/remove", RemoveAsync).AdministratorsOnly();
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PictographDb db, string? done) =>
        await RenderAsync(http, db, done is null ? null : Notices.GetValueOrDefault(done), problem: null, who: null);

    private static async Task<IResult> AddAsync(HttpContext http, PictographDb db)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var who = form["who"].ToString().Trim();
        if (!Enum.TryParse<AppRoleKind>(form["role"], ignoreCase: false, out var role) || !Enum.IsDefined(role))
        {
            return await RenderAsync(http, db, null, "Choose a role.", who);
        }

        long? personId;
        if (AppPeople.IsEmail(who))
        {
            personId = await AppPeople.FindFacebookUserAsync(db, who, http.RequestAborted);
        }
        else if (role != AppRoleKind.Tester)
        {
            return await RenderAsync(http, db, null, "Administrators and developers are Facebook users: enter their email address.", who);
        }
        else
        {
            personId = await AppPeople.FindAccountAsync(db, who, http.RequestAborted);
        }

        if (personId is not { } id)
        {
            return await RenderAsync(http, db, null, AppPeople.IsEmail(who) ? "No Facebook user has that email address." : "No Instagram account has that username.", who);
        }

        var existing = await db.AppRoles.SingleOrDefaultAsync(r => r.AppId == appId && r.PersonId == id, http.RequestAborted);
        if (existing is null)
        {
            db.AppRoles.Add(new AppRole { AppId = appId, PersonId = id, Role = role });
        }
        else if (existing.Role == AppRoleKind.Administrator && role != AppRoleKind.Administrator && await IsLastAdministratorAsync(db, appId, http.RequestAborted))
        {
            return await RenderAsync(http, db, null, "An app needs at least one administrator: add another one first.", who);
        }
        else
        {
            existing.Role = role;
        }

        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Redirect(DashboardPaths.App(appId, "roles") + "?done=added");
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, PictographDb db)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var existing = long.TryParse(form["person"], NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
            ? await db.AppRoles.SingleOrDefaultAsync(r => r.AppId == appId && r.PersonId == personId, http.RequestAborted)
            : null;
        if (existing is null)
        {
            return await RenderAsync(http, db, null, "That person has no role on this app.", who: null);
        }

        if (existing.Role == AppRoleKind.Administrator && await IsLastAdministratorAsync(db, appId, http.RequestAborted))
        {
            return await RenderAsync(http, db, null, "An app needs at least one administrator: add another one first.", who: null);
        }

        db.AppRoles.Remove(existing);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Redirect(DashboardPaths.App(appId, "roles") + "?done=removed");
    }

    private static async Task<bool> IsLastAdministratorAsync(PictographDb db, long appId, CancellationToken cancellationToken) =>
        await db.AppRoles.CountAsync(r => r.AppId == appId && r.Role == AppRoleKind.Administrator, cancellationToken) <= 1;

    private static async Task<IResult> RenderAsync(HttpContext http, PictographDb db, string? notice, string? problem, string? who)
    {
        var access = DashboardContext.Access(http);
        var people = await AppPeople.ListAsync(db, access.App.Id, http.RequestAborted);
        var html = new StringBuilder(DashboardLayout.Notice(notice));
        if (problem is not null)
        {
            html.Append("<p class=\"problems\" role=\"alert\">").Append(Encode(problem)).Append("</p>");
        }

        foreach (var role in Enum.GetValues<AppRoleKind>())
        {
            html.Append("<h2>").Append(role).Append("s</h2><p class=\"hint\">").Append(Encode(Explanations[role])).Append("</p>");
            var holders = people.Where(p => p.Role == role).ToList();
            if (holders.Count == 0)
            {
                html.Append("<p class=\"muted\">None yet.</p>");
                continue;
            }

            html.Append("<table class=\"people\"><tbody>");
            foreach (var person in holders)
            {
                html.Append("<tr><td>").Append(Encode(person.Label)).Append("</td><td class=\"muted\">")
                    .Append(person.IsInstagramAccount ? "Instagram account" : "Facebook user").Append("</td><td>");
                if (access.IsAdministrator)
                {
                    html.Append(DashboardLayout.Form(http, DashboardPaths.App(access.App.Id, "roles/remove"),
                        $"<input type=\"hidden\" name=\"person\" value=\"{person.Id.ToString(CultureInfo.InvariantCulture)}\"><button class=\"link\">Remove</button>", "inline"));
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (access.IsAdministrator)
        {
            var options = string.Concat(Enum.GetValues<AppRoleKind>().Select(r => $"<option value=\"{r}\"{(r == AppRoleKind.Tester ? " selected" : "")}>{r}</option>"));
            html.Append("<h2>Add people</h2>")
                .Append(DashboardLayout.Form(http, DashboardPaths.App(access.App.Id, "roles"),
                    $"<input type=\"text\" name=\"who\" value=\"{Encode(who)}\" placeholder=\"email or Instagram username\" aria-label=\"Email or Instagram username\" required>"
                    + $"<select name=\"role\" aria-label=\"Role\">{options}</select><button>Add</button>", "row"))
                .Append("<p class=\"hint\">Administrators and developers: a Facebook user's email address. Testers: an Instagram username, or a Facebook user's email address. Adding someone who already has a role changes it.</p>");
        }

        return DashboardLayout.AppPage(http, AppTab.Roles, html.ToString(), problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
