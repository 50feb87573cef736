using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Control.Inspector;
using Pictograph.Data;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>The inspector's tabs.</summary>
internal enum InspectorTab
{
    Requests,
    Containers,
    Webhooks,
    Faults,
    Clock,
}

/// <summary>
/// The inspector in the dashboard: recent requests with filters and a live tail, then containers, webhook
/// deliveries, fault rules and the clock. A developer sees their own apps' requests (and those no app is known
/// for, such as calls without a token). The live tail is an HTML page that grows as requests come in, so it needs
/// no script (the pages' policy allows none).
/// </summary>
internal static class InspectorPages
{
    public const string Root = DashboardPaths.Root + "/inspector";
    public const string Tail = Root + "/tail";

    private const int Shown = 200;

    public static void Map(IEndpointRouteBuilder signedIn)
    {
        signedIn.MapGet("/inspector", RequestsAsync);
        signedIn.MapGet("/inspector/tail", TailAsync);
        InspectorStatePages.Map(signedIn);
    }

    /// <summary>The tabs above an inspector page, and the page.</summary>
    public static IResult Page(HttpContext http, InspectorTab tab, string body, int status = StatusCodes.Status200OK) =>
        DashboardLayout.Page(http, $"{tab} · Inspector", Heading(tab) + body, status);

    /// <summary>The apps the signed-in developer administers or develops, by id.</summary>
    public static async Task<Dictionary<long, string>> OwnAppsAsync(HttpContext http, PictographDb db)
    {
        var user = DashboardContext.User(http)!;
        return await db.AppRoles.AsNoTracking()
            .Where(r => r.PersonId == user.Id && (r.Role == AppRoleKind.Administrator || r.Role == AppRoleKind.Developer))
            .Join(db.Apps, r => r.AppId, a => a.Id, (r, a) => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, http.RequestAborted);
    }

    private static string Heading(InspectorTab tab)
    {
        var html = new StringBuilder("<h1>Inspector</h1><nav class=\"tabs\">");
        foreach (var each in Enum.GetValues<InspectorTab>())
        {
            var path = each == InspectorTab.Requests ? Root : $"{Root}/{each.ToString().ToLowerInvariant()}";
            html.Append("<a href=\"").Append(Encode(path)).Append('"').Append(each == tab ? " aria-current=\"page\"" : "").Append('>').Append(each).Append("</a>");
        }

        return html.Append("</nav>").ToString();
    }

    private static async Task<IResult> RequestsAsync(HttpContext http, PictographDb db, RequestLog log)
    {
        var apps = await OwnAppsAsync(http, db);
        var (filter, problem) = RequestFilter.Parse(http.Request.Query);
        filter = (filter ?? new RequestFilter()) with { Apps = apps.Keys.ToHashSet(), Limit = Math.Min(filter?.Limit ?? Shown, Shown) };
        var html = new StringBuilder();
        html.Append(Filters(http, apps, problem));
        var found = problem is null ? log.Find(filter) : [];
        html.Append("<p class=\"hint\">The newest ").Append(found.Count.ToString(CultureInfo.InvariantCulture)).Append(" of the last ")
            .Append(log.Capacity.ToString(CultureInfo.InvariantCulture)).Append(" requests the server keeps, newest first. <a href=\"")
            .Append(Encode(Tail + http.Request.QueryString)).Append("\" id=\"live-tail\">Live tail</a></p>");
        if (found.Count == 0)
        {
            html.Append("<p class=\"muted\" id=\"no-requests\">No requests yet.</p>");
        }
        else
        {
            html.Append("<table id=\"requests\"><thead><tr><th>Time</th><th>Request</th><th>Status</th><th>Latency</th><th>App · user · token</th></tr></thead><tbody>");
            foreach (var request in found.Reverse())
            {
                html.Append("<tr data-sequence=\"").Append(request.Sequence.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Cells(request, apps)).Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        return Page(http, InspectorTab.Requests, html.ToString(), problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The live tail: the page is sent up to its list, then a row per new request as it is answered, until the
    /// visitor leaves (or the server stops).
    /// </summary>
    private static async Task TailAsync(HttpContext http, PictographDb db, RequestLog log)
    {
        var apps = await OwnAppsAsync(http, db);
        var (filter, problem) = RequestFilter.Parse(http.Request.Query);
        if (filter is null)
        {
            await Page(http, InspectorTab.Requests, DashboardLayout.Problems("The filter was not understood:", [problem!]), StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        filter = filter with { Apps = apps.Keys.ToHashSet() };
        const string Marker = "<!--rows-->";
        var body = Heading(InspectorTab.Requests)
            + $"<p class=\"hint\">New requests appear below as they are answered. <a href=\"{Encode(Root + http.Request.QueryString)}\">Back to the list</a></p><ol id=\"tail\" class=\"tail\">{Marker}";
        var page = Render("Live tail · Inspector · Pictograph for Developers", DashboardLayout.Chrome(http, body));
        var head = page[..page.IndexOf(Marker, StringComparison.Ordinal)];
        SetHeaders(http.Response);
        // Kestrel sends each flush at once; buffering by a proxy would hold the rows back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(head, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await foreach (var request in log.TailAsync(filter with { After = null }, filter.After, http.RequestAborted))
            {
                var row = $"<li data-sequence=\"{request.Sequence.ToString(CultureInfo.InvariantCulture)}\"><table><tr>{Cells(request, apps)}</tr></table></li>\n";
                await http.Response.WriteAsync(row, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The visitor left.
        }
    }

    private static string Filters(HttpContext http, Dictionary<long, string> apps, string? problem)
    {
        var query = http.Request.Query;
        var html = new StringBuilder("<form method=\"get\" action=\"").Append(Root).Append("\" class=\"row\" id=\"filters\">");
        html.Append("<label>App <select name=\"app_id\"><option value=\"\">All my apps</option>");
        foreach (var (id, name) in apps.OrderBy(a => a.Value, StringComparer.Ordinal))
        {
            var value = id.ToString(CultureInfo.InvariantCulture);
            html.Append("<option value=\"").Append(value).Append('"').Append(query["app_id"] == value ? " selected" : "").Append('>')
                .Append(Encode(name)).Append(" (").Append(value).Append(")</option>");
        }

        html.Append("</select></label>")
            .Append("<label>Status <input type=\"text\" name=\"status\" size=\"4\" placeholder=\"4xx\" value=\"").Append(Encode(query["status"])).Append("\"></label>")
            .Append("<label>Path <input type=\"text\" name=\"path\" placeholder=\"/v25.0/me\" value=\"").Append(Encode(query["path"])).Append("\"></label>")
            .Append("<button>Filter</button></form>");
        if (problem is not null)
        {
            html.Append(DashboardLayout.Problems("The filter was not understood:", [problem]));
        }

        return html.ToString();
    }

    private static string Cells(InspectedRequest request, Dictionary<long, string> apps)
    {
        var html = new StringBuilder();
        html.Append("<td><time datetime=\"").Append(request.Time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append("\">")
            .Append(request.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append("</time></td>")
            .Append("<td><code>").Append(Encode(request.Method)).Append("</code> <span class=\"muted\">").Append(Encode(request.Host)).Append("</span><br><code class=\"path\">")
            .Append(Encode(request.Path)).Append("</code></td><td>")
            .Append(request.Dropped ? DashboardLayout.Badge("dropped") : Encode(request.Status.ToString(CultureInfo.InvariantCulture)));
        if (request.ErrorCode is { } code)
        {
            html.Append(" <span class=\"badge Failed\">#").Append(code.ToString(CultureInfo.InvariantCulture))
                .Append(request.ErrorSubcode is { } sub ? "/" + sub.ToString(CultureInfo.InvariantCulture) : "").Append("</span>");
        }

        if (request.Fault is { } fault)
        {
            html.Append(" <span class=\"hint\">fault ").Append(Encode(fault)).Append("</span>");
        }

        html.Append("</td><td>").Append(request.LatencyMs.ToString("0.#", CultureInfo.InvariantCulture)).Append(" ms</td><td>");
        if (request.AppId is { } app)
        {
            var name = long.TryParse(app, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && apps.TryGetValue(id, out var known) ? known : app;
            html.Append(Encode(name)).Append(" · ").Append(Encode(request.UserId ?? "app")).Append(" · <code>").Append(Encode(request.Token)).Append("</code>");
        }

        return html.Append("</td>").ToString();
    }
}
