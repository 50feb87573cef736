using System.Globalization;
using System.Text;
using Pictograph.Data;
using Pictograph.Webhooks;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>
/// An app's webhooks: the <c>instagram</c> subscription (callback URL, verify token, fields; saving runs the
/// verification handshake and shows why it failed) and the delivery log, newest first.
/// </summary>
internal static class AppWebhooksPage
{
    private const int Listed = 100;

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["saved"] = "Callback verified and subscription saved.",
        ["removed"] = "Subscription removed: no more deliveries will be made.",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks", ShowAsync);
        app.MapPost("/webhooks", SaveAsync).AdministratorsOnly();
        app.MapPost("/webhooks/remove", RemoveAsync).AdministratorsOnly();
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PictographDb db, string? done)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var existing = await WebhookSubscriptions.FindAsync(db, appId, http.RequestAborted);
        var input = existing is null
            ? new Input("", "", [])
            : new Input(existing.CallbackUrl, existing.VerifyToken, WebhookFields.Stored(existing.Fields));
        return await RenderAsync(http, db, input, existing, [], done is null ? null : Notices.GetValueOrDefault(done));
    }

    private static async Task<IResult> SaveAsync(HttpContext http, PictographDb db, WebhookSubscriptions subscriptions)
    {
        var appId = DashboardContext.Access(http).App.Id;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var input = new Input(form["callback_url"].ToString().Trim(), form["verify_token"].ToString(), [.. form["field"].OfType<string>().Distinct(StringComparer.Ordinal)]);
        var problems = new List<string>();
        if (input.Fields.FirstOrDefault(f => !WebhookFields.IsSubscribable(f)) is { } unknown)
        {
            problems.Add($"Unknown field: {unknown}.");
        }
        else if (input.Fields.Count == 0)
        {
            problems.Add("Choose at least one field.");
        }
        else if (await subscriptions.SubscribeAsync(db, appId, new SubscriptionRequest(input.CallbackUrl, input.VerifyToken, input.Fields), merge: false, http.RequestAborted) is { } refused)
        {
            problems.Add(refused.Message);
        }

        if (problems.Count > 0)
        {
            var existing = await WebhookSubscriptions.FindAsync(db, appId, http.RequestAborted);
            return await RenderAsync(http, db, input, existing, problems, notice: null, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(DashboardPaths.App(appId, "webhooks") + "?done=saved");
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, PictographDb db, WebhookSubscriptions subscriptions)
    {
        var appId = DashboardContext.Access(http).App.Id;
        await subscriptions.UnsubscribeAsync(db, appId, [], http.RequestAborted);
        return Results.Redirect(DashboardPaths.App(appId, "webhooks") + "?done=removed");
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, PictographDb db, Input input, WebhookSubscription? existing, IReadOnlyCollection<string> problems, string? notice, int status = StatusCodes.Status200OK)
    {
        var access = DashboardContext.Access(http);
        var appId = access.App.Id;
        var html = new StringBuilder(DashboardLayout.Notice(notice)).Append(DashboardLayout.Problems("The subscription was not saved:", problems));
        html.Append("<h2>Instagram subscription</h2>");
        html.Append(existing is null
            ? "<p class=\"muted\" id=\"subscription-state\">Not subscribed: no events are delivered.</p>"
            : $"<p id=\"subscription-state\">{DashboardLayout.Badge("active")} Delivering <code>{Encode(existing.Fields.Replace(",", ", ", StringComparison.Ordinal))}</code> to <code>{Encode(existing.CallbackUrl)}</code>.</p>");
        html.Append(access.IsAdministrator
            ? DashboardLayout.Form(http, DashboardPaths.App(appId, "webhooks"), FormFields(input) + "<div><button>Verify and save</button></div>", "wide")
            : $"<p class=\"muted\">Only administrators can change the subscription.</p><fieldset class=\"wide\" disabled>{FormFields(input)}</fieldset>");
        if (existing is not null && access.IsAdministrator)
        {
            html.Append(DashboardLayout.Form(http, DashboardPaths.App(appId, "webhooks/remove"), "<button class=\"danger\">Remove subscription</button>", "row"));
        }

        html.Append(await LogAsync(db, appId, http.RequestAborted));
        return DashboardLayout.AppPage(http, AppTab.Webhooks, html.ToString(), status);
    }

    private static string FormFields(Input input)
    {
        var html = new StringBuilder();
        html.Append("<label>Callback URL <input type=\"text\" inputmode=\"url\" name=\"callback_url\" required value=\"").Append(Encode(input.CallbackUrl))
            .Append("\" placeholder=\"https://example.com/webhooks\"></label>")
            .Append("<label>Verify token <input type=\"text\" name=\"verify_token\" required value=\"").Append(Encode(input.VerifyToken)).Append("\"></label>")
            .Append("<fieldset><legend>Fields</legend>");
        foreach (var field in WebhookFields.All)
        {
            var produced = WebhookFields.Produced.Contains(field, StringComparer.Ordinal);
            html.Append("<label class=\"check\"><input type=\"checkbox\" name=\"field\" value=\"").Append(Encode(field)).Append('"')
                .Append(input.Fields.Contains(field, StringComparer.Ordinal) ? " checked" : "").Append("> <code>").Append(Encode(field)).Append("</code>")
                .Append(produced ? "" : " <span class=\"hint\">accepted; this server raises no such events</span>").Append("</label>");
        }

        html.Append("</fieldset>")
            .Append("<p class=\"hint\">Saving sends <code>GET callback?hub.mode=subscribe&amp;hub.challenge=…&amp;hub.verify_token=…</code>; ")
            .Append("the callback must answer 200 with exactly the challenge. Accounts enable the app with <code>POST /me/subscribed_apps</code> ")
            .Append("(Instagram Login) or <code>POST /{page-id}/subscribed_apps</code> (Facebook Login).</p>");
        return html.ToString();
    }

    private static async Task<string> LogAsync(PictographDb db, long appId, CancellationToken cancellationToken)
    {
        var rows = await WebhookLog.NewestAsync(db, appId, Listed, cancellationToken);
        var html = new StringBuilder("<h2>Deliveries</h2>");
        html.Append("<p class=\"hint\">The newest ").Append(Listed).Append(" deliveries. Failed POSTs are retried for up to 36 hours.</p>");
        if (rows.Count == 0)
        {
            return html.Append("<p class=\"muted\" id=\"no-deliveries\">No deliveries yet.</p>").ToString();
        }

        html.Append("<table id=\"deliveries\"><thead><tr><th>Time</th><th>Field</th><th>State</th><th>Attempts</th><th>Last status</th><th>Latency</th><th>Payload</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var d = row.Delivery;
            var last = row.Last;
            html.Append("<tr data-delivery=\"").Append(d.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><td>")
                .Append(DashboardLayout.Time(d.CreatedAt / 1000)).Append("</td><td><code>").Append(Encode(d.Field)).Append("</code></td><td>")
                .Append(DashboardLayout.Badge(d.State.ToString())).Append("</td><td>").Append(d.Attempts.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(last?.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? (last is null ? "" : "none")).Append("</td><td>")
                .Append(last is null ? "" : $"{last.LatencyMs.ToString(CultureInfo.InvariantCulture)} ms").Append("</td><td><details><summary>Show</summary><pre>")
                .Append(Encode(d.Payload)).Append("</pre>");
            if (row.Attempts.Count > 0)
            {
                html.Append("<ol>");
                foreach (var attempt in row.Attempts)
                {
                    html.Append("<li>").Append(DashboardLayout.Time(attempt.At / 1000)).Append(' ')
                        .Append(attempt.StatusCode is { } code ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}" : "no answer")
                        .Append(attempt.Error is { } error ? $" <span class=\"hint\">{Encode(error)}</span>" : "").Append("</li>");
                }

                html.Append("</ol>");
            }

            html.Append("</details></td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>What the form holds.</summary>
    private sealed record Input(string CallbackUrl, string VerifyToken, IReadOnlyList<string> Fields);
}
