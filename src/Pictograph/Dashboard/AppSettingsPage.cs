using Pictograph.Auth;
using System.Globalization;
using System.Text;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>An app's settings: id and secret (shown and reset on request), mode, redirect URIs, callbacks, "Require App Secret".</summary>
internal static class AppSettingsPage
{
    private const string SecretMask = "••••••••••••••••••••••••••••••••";

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["created"] = "App created. You are its administrator; add redirect URIs before you try OAuth.",
        ["saved"] = "Settings saved.",
        ["mode"] = "Mode changed.",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Show);
        app.MapPost("/settings", SaveAsync).AdministratorsOnly();
        app.MapPost("/mode", SwitchModeAsync).AdministratorsOnly();
        app.MapPost("/secret", ShowSecret).AdministratorsOnly();
        app.MapPost("/secret/reset", ResetSecretAsync).AdministratorsOnly();
    }

    private static IResult Show(HttpContext http, string? done) =>
        Render(http, Settings.Of(DashboardContext.Access(http).App), [], revealSecret: false, done is null ? null : Notices.GetValueOrDefault(done));

    /// <summary>The secret is revealed by a POST, so it is never in a page that a plain visit renders.</summary>
    private static IResult ShowSecret(HttpContext http) =>
        Render(http, Settings.Of(DashboardContext.Access(http).App), [], revealSecret: true, notice: null);

    private static async Task<IResult> SaveAsync(HttpContext http, PictographDb db, AppDirectory apps)
    {
        var app = DashboardContext.Access(http).App;
        var input = Settings.Read(await http.Request.ReadFormAsync(http.RequestAborted));
        var (name, nameProblem) = AppRules.Name(input.Name);
        var (redirectUris, uriProblems) = AppRules.RedirectUris(input.RedirectUris.Split('\n'));
        var problems = nameProblem is null ? new List<string>() : [nameProblem];
        problems.AddRange(uriProblems.Select(p => $"Redirect URI {p}"));
        problems.AddRange(CallbackProblem("Deauthorize callback URL", input.DeauthorizeCallbackUrl));
        problems.AddRange(CallbackProblem("Data deletion request URL", input.DataDeletionCallbackUrl));
        if (problems.Count > 0)
        {
            return Render(http, input, problems, revealSecret: false, notice: null, StatusCodes.Status400BadRequest);
        }

        app.Name = name;
        app.RedirectUris = string.Join('\n', redirectUris);
        app.DeauthorizeCallbackUrl = NullIfEmpty(input.DeauthorizeCallbackUrl);
        app.DataDeletionCallbackUrl = NullIfEmpty(input.DataDeletionCallbackUrl);
        app.RequireAppSecretProof = input.RequireAppSecret;
        await db.SaveChangesAsync(http.RequestAborted);
        apps.Forget(app.Id);
        return Results.Redirect(DashboardPaths.App(app.Id) + "?done=saved");
    }

    private static async Task<IResult> SwitchModeAsync(HttpContext http, PictographDb db, AppDirectory apps)
    {
        var app = DashboardContext.Access(http).App;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Enum.TryParse<AppMode>(form["mode"], ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
        {
            return DashboardLayout.Message(http, StatusCodes.Status400BadRequest, "Unknown mode", "An app is either in Development or in Live mode.");
        }

        app.Mode = mode;
        await db.SaveChangesAsync(http.RequestAborted);
        apps.Forget(app.Id);
        return Results.Redirect(DashboardPaths.App(app.Id) + "?done=mode");
    }

    /// <summary>A new secret takes effect at once: app tokens and code exchanges with the old one fail from now on.</summary>
    private static async Task<IResult> ResetSecretAsync(HttpContext http, PictographDb db, AppDirectory apps, AppSecrets secrets)
    {
        var app = DashboardContext.Access(http).App;
        app.StoredSecret = secrets.Protect(AppSecrets.NewSecret());
        await db.SaveChangesAsync(http.RequestAborted);
        apps.Forget(app.Id);
        return Render(http, Settings.Of(app), [], revealSecret: true, "The app secret was reset. The old secret no longer works; user tokens keep working.");
    }

    private static IEnumerable<string> CallbackProblem(string label, string url) =>
        url.Trim().Length > 0 && AppRules.UrlProblem(url.Trim()) is { } problem ? [$"{label}: {problem}"] : [];

    private static string? NullIfEmpty(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static IResult Render(HttpContext http, Settings settings, IReadOnlyCollection<string> problems, bool revealSecret, string? notice, int status = StatusCodes.Status200OK)
    {
        var access = DashboardContext.Access(http);
        var app = access.App;
        var html = new StringBuilder(DashboardLayout.Notice(notice)).Append(DashboardLayout.Problems("Nothing was saved:", problems));
        html.Append("<h2>Basic</h2><dl class=\"facts\">")
            .Append("<dt>App ID</dt><dd><code>").Append(app.Id.ToString(CultureInfo.InvariantCulture)).Append("</code></dd>")
            .Append("<dt>App secret</dt><dd>").Append(Secret(http, access, revealSecret)).Append("</dd>")
            .Append("<dt>Mode</dt><dd>").Append(DashboardLayout.Badge(app.Mode.ToString())).Append(' ').Append(ModeSwitch(http, access)).Append("</dd>")
            .Append("<dt>Created</dt><dd>").Append(DashboardLayout.Time(app.CreatedAt)).Append("</dd></dl>")
            .Append("<p class=\"hint\">In development mode only people with a role on the app can authorize it; in live mode anyone can.</p>");
        if (access.IsAdministrator)
        {
            html.Append("<details><summary>Reset the app secret…</summary><p>The old secret stops working at once: app tokens made from it and code exchanges that send it fail. User tokens keep working.</p>")
                .Append(DashboardLayout.Form(http, DashboardPaths.App(app.Id, "secret/reset"), "<button class=\"danger\">Reset app secret</button>"))
                .Append("</details>");
        }

        html.Append("<h2>Settings</h2>");
        var fields = SettingsFields(settings);
        html.Append(access.IsAdministrator
            ? DashboardLayout.Form(http, DashboardPaths.App(app.Id, "settings"), fields + "<div><button>Save changes</button></div>", "wide")
            : $"<p class=\"muted\">Only administrators can change settings.</p><fieldset class=\"wide\" disabled>{fields}</fieldset>");
        return DashboardLayout.AppPage(http, AppTab.Settings, html.ToString(), status);
    }

    private static string Secret(HttpContext http, AppAccess access, bool reveal) =>
        !access.IsAdministrator ? $"<code>{SecretMask}</code> <span class=\"muted\">Only administrators can see it.</span>"
        : reveal ? $"<code id=\"app-secret\">{Encode(http.RequestServices.GetRequiredService<AppSecrets>().Reveal(access.App))}</code>"
        : $"<code>{SecretMask}</code> " + DashboardLayout.Form(http, DashboardPaths.App(access.App.Id, "secret"), "<button class=\"secondary\">Show</button>", "inline");

    private static string ModeSwitch(HttpContext http, AppAccess access)
    {
        if (!access.IsAdministrator)
        {
            return "";
        }

        var other = access.App.Mode == AppMode.Live ? AppMode.Development : AppMode.Live;
        return DashboardLayout.Form(http, DashboardPaths.App(access.App.Id, "mode"),
            $"<input type=\"hidden\" name=\"mode\" value=\"{other}\"><button class=\"secondary\">Switch to {other}</button>", "inline");
    }

    private static string SettingsFields(Settings s) => $"""
        <label>Display name <input type="text" name="name" value="{Encode(s.Name)}" maxlength="{AppRules.MaxNameLength}" required></label>
        <label for="redirect_uris">Valid OAuth redirect URIs</label>
        <textarea id="redirect_uris" name="redirect_uris" rows="5" spellcheck="false">{Encode(s.RedirectUris)}</textarea>
        <p class="hint">One per line: absolute <code>http://</code> or <code>https://</code> URIs without a <code>#fragment</code>.
        The <code>redirect_uri</code> of an authorization request must equal one of them exactly, character for character:
        scheme, host, port, path, trailing slash and query string. An address without a path is saved with a trailing slash
        (<code>https://example.com</code> becomes <code>https://example.com/</code>), as Meta's dashboard does.</p>
        <label>Deauthorize callback URL <input type="text" inputmode="url" name="deauthorize_callback_url" value="{Encode(s.DeauthorizeCallbackUrl)}" placeholder="https://example.com/deauthorize"></label>
        <p class="hint">Receives a signed request when someone removes the app.</p>
        <label>Data deletion request URL <input type="text" inputmode="url" name="data_deletion_callback_url" value="{Encode(s.DataDeletionCallbackUrl)}" placeholder="https://example.com/data-deletion"></label>
        <p class="hint">Receives a signed request when someone asks for their data to be deleted.</p>
        <label class="check"><input type="checkbox" name="require_app_secret" value="on"{(s.RequireAppSecret ? " checked" : "")}> Require App Secret</label>
        <p class="hint">Every call with a user token must then carry <code>appsecret_proof</code>: the hex HMAC-SHA256 of the token, keyed with the app secret.</p>
        """;

    /// <summary>The editable settings, as stored or as the administrator submitted them (kept on a refused form).</summary>
    private sealed record Settings(string Name, string RedirectUris, string DeauthorizeCallbackUrl, string DataDeletionCallbackUrl, bool RequireAppSecret)
    {
        public static Settings Of(App app) =>
            new(app.Name, app.RedirectUris, app.DeauthorizeCallbackUrl ?? "", app.DataDeletionCallbackUrl ?? "", app.RequireAppSecretProof);

        public static Settings Read(IFormCollection form) =>
            new(form["name"].ToString(), form["redirect_uris"].ToString(), form["deauthorize_callback_url"].ToString(),
                form["data_deletion_callback_url"].ToString(), form["require_app_secret"] == "on");
    }
}
