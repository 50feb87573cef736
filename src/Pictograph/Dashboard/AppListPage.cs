using Pictograph.Auth;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>"My apps": the apps the developer administers or develops, and creating a new one.</summary>
internal static class AppListPage
{
    public static void Map(IEndpointRouteBuilder signedIn)
    {
        signedIn.MapGet("/apps", ShowAsync);
        signedIn.MapPost("/apps", CreateAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PictographDb db) =>
        await RenderAsync(http, db, name: null, problem: null);

    private static async Task<IResult> CreateAsync(HttpContext http, PictographDb db, IdAllocator ids, TimeProvider clock, AppSecrets secrets)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (name, problem) = AppRules.Name(form["name"]);
        if (problem is not null)
        {
            return await RenderAsync(http, db, name, problem);
        }

        var user = DashboardContext.User(http)!;
        var app = await AppFactory.CreateAsync(db, ids, clock, secrets, name, AppMode.Development, [], user.Id, http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Redirect(DashboardPaths.App(app.Id) + "?done=created");
    }

    private static async Task<IResult> RenderAsync(HttpContext http, PictographDb db, string? name, string? problem)
    {
        var user = DashboardContext.User(http)!;
        var apps = await db.AppRoles.AsNoTracking()
            .Where(r => r.PersonId == user.Id && (r.Role == AppRoleKind.Administrator || r.Role == AppRoleKind.Developer))
            .Join(db.Apps, r => r.AppId, a => a.Id, (r, a) => new { a.Id, a.Name, a.Mode, r.Role })
            .OrderBy(a => a.Name)
            .ThenBy(a => a.Id)
            .ToListAsync(http.RequestAborted);

        var html = new StringBuilder("<h1>My apps</h1>");
        if (apps.Count == 0)
        {
            html.Append("<p class=\"muted\">You have no apps yet. Create one below, or ask an app's administrator to add you as a developer.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>App</th><th>App ID</th><th>Mode</th><th>Your role</th></tr></thead><tbody>");
            foreach (var app in apps)
            {
                html.Append("<tr><td><a href=\"").Append(Encode(DashboardPaths.App(app.Id))).Append("\">").Append(Encode(app.Name)).Append("</a></td>")
                    .Append("<td><code>").Append(app.Id.ToString(CultureInfo.InvariantCulture)).Append("</code></td>")
                    .Append("<td>").Append(DashboardLayout.Badge(app.Mode.ToString())).Append("</td>")
                    .Append("<td>").Append(Encode(app.Role.ToString())).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Create an app</h2>")
            .Append("<p class=\"hint\">It starts in development mode, with you as its administrator and a fresh app secret.</p>")
            .Append(problem is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(problem)}</p>")
            .Append(DashboardLayout.Form(http, DashboardPaths.Apps,
                $"<label>App name <input type=\"text\" name=\"name\" value=\"{Encode(name)}\" maxlength=\"{AppRules.MaxNameLength}\" required></label><button>Create app</button>",
                "stack"));
        return DashboardLayout.Page(http, "My apps", html.ToString(), problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
