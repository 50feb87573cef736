using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Pictograph.Web;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>The tabs of an app's pages.</summary>
internal enum AppTab
{
    Settings,
    Roles,
    Tokens,
    Webhooks,
}

/// <summary>
/// The dashboard's page chrome (header with the signed-in developer, an app's heading and tabs) and its
/// small building blocks. Everything dynamic goes through <see cref="HtmlPage.Encode"/>.
/// </summary>
internal static class DashboardLayout
{
    // The shared layout is sized for dialogs; the dashboard needs room for tables and tabs.
    private const string Style = """
        <style>
        body{max-width:960px}
        header.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;border-bottom:1px solid #ddd;padding-bottom:.6rem}
        header.top a{color:#222;text-decoration:none;font-weight:600} nav.top{display:flex;gap:1rem} nav.top a{color:#0064d1;font-weight:500}
        nav.tabs{display:flex;gap:.25rem;border-bottom:1px solid #ddd;margin:1rem 0 1.2rem}
        nav.tabs a{padding:.45rem .9rem;color:#0064d1;text-decoration:none;border:1px solid transparent;border-bottom:0;border-radius:6px 6px 0 0}
        nav.tabs a[aria-current=page]{border-color:#ddd;background:#fff;color:#222;margin-bottom:-1px}
        .notice{background:#e7f6ec;border:1px solid #9bd3ae;padding:.6rem .8rem;border-radius:6px}
        .problems{background:#fdecee;border:1px solid #f3b4bc;padding:.6rem .8rem;border-radius:6px;color:#b00020}
        .problems ul{margin:.3rem 0 0;padding-left:1.2rem}
        .badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;background:#eef;color:#334}
        .badge.Live,.badge.active{background:#e7f6ec;color:#1e7b3a} .badge.Development{background:#fff4e0;color:#8a5300}
        .badge.Delivered{background:#e7f6ec;color:#1e7b3a} .badge.Pending{background:#fff4e0;color:#8a5300}
        .badge.revoked,.badge.expired,.badge.Failed{background:#fdecee;color:#b00020}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.2rem;align-items:center} dl.facts dt{color:#666} dl.facts dd{margin:0}
        form.inline{display:inline} .wide{display:flex;flex-direction:column;gap:.7rem}
        form.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
        pre{white-space:pre-wrap;word-break:break-all;font-size:.85rem}
        textarea{width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:.9rem}
        .wide label:not(.check){display:flex;flex-direction:column;gap:.3rem;max-width:36rem}
        form.row input[type=text]{min-width:18rem}
        fieldset{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:0}
        label.check{display:flex;gap:.5rem;align-items:baseline}
        button.link{background:none;border:0;color:#0064d1;padding:0;font-weight:600}
        button.danger{background:#fff;color:#b00020;border-color:#b00020}
        details{margin:.6rem 0} summary{cursor:pointer;color:#0064d1}
        .hint{color:#666;font-size:.9rem;margin:.2rem 0}
        table.people{table-layout:fixed} table.people td:first-child{width:55%}
        td code,dd code{font-size:.9rem} td code,td time{white-space:nowrap;word-break:normal} td{vertical-align:top}
        </style>
        """;

    /// <summary>A dashboard page; the header names the signed-in developer when there is one.</summary>
    public static IResult Page(HttpContext http, string title, string body, int status = StatusCodes.Status200OK) =>
        Result($"{title} · Pictograph for Developers", Chrome(http, body), status);

    /// <summary>The page's markup inside the chrome: the dashboard's style and the header.</summary>
    public static string Chrome(HttpContext http, string body)
    {
        var html = new StringBuilder(Style);
        html.Append("<header class=\"top\"><a href=\"").Append(DashboardPaths.Apps).Append("\">Pictograph for Developers</a>");
        html.Append("<nav class=\"top\"><a href=\"").Append(DashboardPaths.Apps).Append("\">My apps</a> <a href=\"").Append(InspectorPages.Root).Append("\">Inspector</a></nav>");
        if (DashboardContext.User(http) is { } user)
        {
            html.Append("<span>").Append(Encode(user.Name)).Append(" <span class=\"muted\">").Append(Encode(user.Email)).Append("</span> ")
                .Append(Form(http, DashboardPaths.SignOut, "<button class=\"secondary\">Sign out</button>", "inline"))
                .Append("</span>");
        }

        return html.Append("</header>").Append(body).ToString();
    }

    /// <summary>One of an app's pages: its name, id, mode, the visitor's role and the tabs above the body.</summary>
    public static IResult AppPage(HttpContext http, AppTab tab, string body, int status = StatusCodes.Status200OK)
    {
        var access = DashboardContext.Access(http);
        var app = access.App;
        var html = new StringBuilder();
        html.Append("<p class=\"muted\"><a href=\"").Append(DashboardPaths.Apps).Append("\">My apps</a> ›</p>")
            .Append("<h1>").Append(Encode(app.Name)).Append("</h1>")
            .Append("<p>App ID <code id=\"app-id\">").Append(app.Id.ToString(CultureInfo.InvariantCulture)).Append("</code> ")
            .Append(Badge(app.Mode.ToString())).Append(" <span class=\"muted\">You are ").Append(Article(access.Role)).Append(' ')
            .Append(Encode(access.Role.ToString().ToLowerInvariant())).Append(".</span></p>")
            .Append("<nav class=\"tabs\">");
        var tabs = new[]
        {
            (AppTab.Settings, DashboardPaths.App(app.Id)), (AppTab.Roles, DashboardPaths.App(app.Id, "roles")),
            (AppTab.Tokens, DashboardPaths.App(app.Id, "tokens")), (AppTab.Webhooks, DashboardPaths.App(app.Id, "webhooks")),
        };
        foreach (var (each, path) in tabs)
        {
            html.Append("<a href=\"").Append(Encode(path)).Append('"').Append(each == tab ? " aria-current=\"page\"" : "").Append('>')
                .Append(each).Append("</a>");
        }

        html.Append("</nav>").Append(body);
        return Page(http, $"{tab} · {app.Name}", html.ToString(), status);
    }

    /// <summary>A POST form with the antiforgery field; <paramref name="content"/> is trusted markup.</summary>
    public static string Form(HttpContext http, string action, string content, string? cssClass = null)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var css = cssClass is null ? "" : $" class=\"{Encode(cssClass)}\"";
        return $"<form method=\"post\" action=\"{Encode(action)}\"{css}>{AntiforgeryField(tokens)}{content}</form>";
    }

    public static string Notice(string? text) => text is null ? "" : $"<p class=\"notice\" role=\"status\">{Encode(text)}</p>";

    public static string Problems(string heading, IReadOnlyCollection<string> problems) =>
        problems.Count == 0
            ? ""
            : $"<div class=\"problems\" role=\"alert\">{Encode(heading)}<ul>{string.Concat(problems.Select(p => $"<li>{Encode(p)}</li>"))}</ul></div>";

    public static string Badge(string text) => $"<span class=\"badge {Encode(text)}\">{Encode(text)}</span>";

    public static string Time(long unixSeconds) =>
        $"<time datetime=\"{DateTimeOffset.FromUnixTimeSeconds(unixSeconds):yyyy-MM-ddTHH:mm:ssZ}\">{DateTimeOffset.FromUnixTimeSeconds(unixSeconds):yyyy-MM-dd HH:mm} UTC</time>";

    /// <summary>A page that says what went wrong and where to go on (403, 404, a refused form).</summary>
    public static IResult Message(HttpContext http, int status, string title, string message) =>
        Page(http, title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p><p><a href=\"{DashboardPaths.Apps}\">Back to My apps</a></p>", status);

    /// <summary>An app that does not exist and one the visitor has no say in look the same.</summary>
    public static IResult NotFound(HttpContext http) =>
        Message(http, StatusCodes.Status404NotFound, "Page not found", "This page does not exist, or you have no role that lets you see it.");

    private static string Article(Data.AppRoleKind role) => role == Data.AppRoleKind.Administrator ? "an" : "a";
}
