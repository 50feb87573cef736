using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Control.Clock;
using Pictograph.Control.Faults;
using Pictograph.Data;
using Pictograph.Webhooks;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>The inspector's views of the server's state: the developer's apps' containers and webhook deliveries, the fault rules and the clock.</summary>
internal static class InspectorStatePages
{
    private const int Shown = 100;

    public static void Map(IEndpointRouteBuilder signedIn)
    {
        signedIn.MapGet("/inspector/containers", ContainersAsync);
        signedIn.MapGet("/inspector/webhooks", WebhooksAsync);
        signedIn.MapGet("/inspector/faults", Faults);
        signedIn.MapGet("/inspector/clock", Clock);
    }

    private static async Task<IResult> ContainersAsync(HttpContext http, PictographDb db)
    {
        var apps = await InspectorPages.OwnAppsAsync(http, db);
        var ids = apps.Keys.ToList();
        var containers = await db.Containers.AsNoTracking()
            .Where(c => ids.Contains(c.AppId))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(Shown)
            .ToListAsync(http.RequestAborted);
        var html = new StringBuilder("<p class=\"hint\">The newest ").Append(Shown).Append(" media containers your apps created.</p>");
        if (containers.Count == 0)
        {
            return InspectorPages.Page(http, InspectorTab.Containers, html.Append("<p class=\"muted\" id=\"no-containers\">No containers yet.</p>").ToString());
        }

        html.Append("<table id=\"containers\"><thead><tr><th>Container</th><th>App</th><th>Account</th><th>Kind</th><th>State</th><th>Created</th><th>Media</th></tr></thead><tbody>");
        foreach (var c in containers)
        {
            html.Append("<tr><td><code>").Append(Id(c.Id)).Append("</code></td><td>").Append(Encode(apps[c.AppId])).Append("</td><td><code>")
                .Append(Id(c.OwnerId)).Append("</code></td><td>").Append(c.Kind).Append(c.IsCarouselItem ? " (carousel item)" : "").Append("</td><td>")
                .Append(DashboardLayout.Badge(State(c.State)));
            if (c.ErrorSubcode is { } subcode)
            {
                html.Append(" <span class=\"hint\">").Append(subcode.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Encode(c.ErrorMessage)).Append("</span>");
            }

            html.Append("</td><td>").Append(DashboardLayout.Time(c.CreatedAt)).Append("</td><td>")
                .Append(c.PublishedMediaId is { } media ? $"<code>{Id(media)}</code>" : "").Append("</td></tr>");
        }

        return InspectorPages.Page(http, InspectorTab.Containers, html.Append("</tbody></table>").ToString());
    }

    private static async Task<IResult> WebhooksAsync(HttpContext http, PictographDb db)
    {
        var apps = await InspectorPages.OwnAppsAsync(http, db);
        var rows = new List<(string App, LoggedDelivery Row)>();
        foreach (var (id, name) in apps)
        {
            rows.AddRange((await WebhookLog.NewestAsync(db, id, Shown, http.RequestAborted)).Select(r => (name, r)));
        }

        var html = new StringBuilder("<p class=\"hint\">The newest ").Append(Shown).Append(" webhook deliveries to your apps; each app's Webhooks tab has their payloads.</p>");
        if (rows.Count == 0)
        {
            return InspectorPages.Page(http, InspectorTab.Webhooks, html.Append("<p class=\"muted\" id=\"no-deliveries\">No deliveries yet.</p>").ToString());
        }

        html.Append("<table id=\"deliveries\"><thead><tr><th>Time</th><th>App</th><th>Object · field</th><th>State</th><th>Attempts</th><th>Last status</th></tr></thead><tbody>");
        foreach (var (app, row) in rows.OrderByDescending(r => r.Row.Delivery.CreatedAt).ThenByDescending(r => r.Row.Delivery.Id).Take(Shown))
        {
            var d = row.Delivery;
            html.Append("<tr><td>").Append(DashboardLayout.Time(d.CreatedAt / 1000)).Append("</td><td>").Append(Encode(app)).Append("</td><td><code>")
                .Append(Encode(d.Object)).Append("</code> · <code>").Append(Encode(d.Field)).Append("</code></td><td>").Append(DashboardLayout.Badge(d.State.ToString()))
                .Append("</td><td>").Append(d.Attempts.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(row.Last is { } last ? last.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Encode(last.Error ?? "no answer") : "").Append("</td></tr>");
        }

        return InspectorPages.Page(http, InspectorTab.Webhooks, html.Append("</tbody></table>").ToString());
    }

    private static IResult Faults(HttpContext http, FaultRules rules)
    {
        var active = rules.List();
        var html = new StringBuilder("<p class=\"hint\">Rules are added and removed through the control API (<code>/_pictograph/faults</code>) or a fixture; the first that matches a request applies.</p>");
        if (active.Count == 0)
        {
            return InspectorPages.Page(http, InspectorTab.Faults, html.Append("<p class=\"muted\" id=\"no-faults\">No fault rules.</p>").ToString());
        }

        html.Append("<table id=\"faults\"><thead><tr><th>Rule</th><th>Matches</th><th>Does</th><th>Chance · left</th><th>Hits</th></tr></thead><tbody>");
        foreach (var fault in active)
        {
            var rule = fault.Rule;
            var match = rule.Match;
            var criteria = new[]
            {
                match.Method, match.Path, match.Host, match.AppId is { } app ? $"app {Id(app)}" : null,
                match.UserId is { } user ? $"user {Id(user)}" : null, match.Token is { } token ? $"token {Control.Inspector.SecretMask.Token(token)}" : null,
            }.OfType<string>().ToList();
            var does = new List<string>();
            if (rule.Latency is { } latency)
            {
                does.Add($"wait {latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
            }

            if (rule.Drop)
            {
                does.Add("drop the connection");
            }

            if (rule.Error is { } error)
            {
                does.Add($"HTTP {error.HttpStatus.ToString(CultureInfo.InvariantCulture)} #{error.Code.ToString(CultureInfo.InvariantCulture)}{(error.Subcode is { } s ? "/" + s.ToString(CultureInfo.InvariantCulture) : "")} {error.Message}");
            }

            html.Append("<tr><td><code>").Append(Encode(rule.Id)).Append("</code></td><td>").Append(Encode(criteria.Count == 0 ? "every request" : string.Join(" ", criteria)))
                .Append("</td><td>").Append(Encode(string.Join(", then ", does))).Append("</td><td>")
                .Append((rule.Probability * 100).ToString("0.##", CultureInfo.InvariantCulture)).Append("% · ")
                .Append(fault.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "no limit").Append("</td><td>")
                .Append(fault.Hits.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        return InspectorPages.Page(http, InspectorTab.Faults, html.Append("</tbody></table>").ToString());
    }

    private static IResult Clock(HttpContext http, ControlClock clock)
    {
        var now = clock.GetUtcNow();
        var offset = now - clock.Base.GetUtcNow();
        var html = new StringBuilder("<dl class=\"facts\" id=\"clock\"><dt>Server time</dt><dd><time datetime=\"")
            .Append(now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
            .Append(now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC</time></dd>")
            .Append("<dt>Frozen</dt><dd>").Append(clock.Frozen ? "yes" : "no").Append("</dd>")
            .Append("<dt>Ahead of real time</dt><dd>").Append(Encode(Span(offset))).Append("</dd></dl>")
            .Append("<p class=\"hint\">Set, advance or release it with <code>/_pictograph/clock</code>; tokens, containers, stories and retries follow it.</p>");
        return InspectorPages.Page(http, InspectorTab.Clock, html.ToString());
    }

    private static string Span(TimeSpan span) =>
        span.Duration() < TimeSpan.FromSeconds(1) ? "no" : (span < TimeSpan.Zero ? "-" : "") + span.Duration().ToString(@"d\d\ hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static string State(ContainerState state) => state switch
    {
        ContainerState.InProgress => "IN_PROGRESS",
        ContainerState.Finished => "FINISHED",
        ContainerState.Error => "ERROR",
        _ => "PUBLISHED",
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
