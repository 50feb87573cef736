using System.Net;
using System.Text.RegularExpressions;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Dashboard;

/// <summary>A page as the dashboard answered it: status, HTML and the redirect target.</summary>
public sealed partial record HtmlResponse(int Status, string Html, string? Location)
{
    /// <summary>Whether the page has a POST form with that action (forms a visitor may not use are not rendered).</summary>
    public bool HasForm(string action) => Forms().Any(f => f.Action == action);

    /// <summary>The hidden fields (csrf among them) of the first form posting to <paramref name="action"/>.</summary>
    public List<(string Name, string Value)> HiddenFields(string action)
    {
        var form = Forms().FirstOrDefault(f => f.Action == action);
        Assert.True(form.Action is not null, $"No form posting to {action} on this page (HTTP {Status}):\n{Html}");
        return [.. HiddenInput().Matches(form.Body).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];
    }

    /// <summary>The csrf field of the form posting to <paramref name="action"/>.</summary>
    public string Csrf(string action)
    {
        var csrf = HiddenFields(action).Where(f => f.Name == "csrf").Select(f => f.Value).FirstOrDefault();
        Assert.True(csrf is not null, $"The form posting to {action} has no csrf field.");
        return csrf;
    }

    /// <summary>The decoded text content of the element with that id (for values the page shows, like a token).</summary>
    public string? TextOf(string id)
    {
        var match = Regex.Match(Html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private IEnumerable<(string Action, string Body)> Forms() =>
        FormElement().Matches(Html).Select(m => (WebUtility.HtmlDecode(m.Groups["action"].Value), m.Groups["body"].Value));

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}

/// <summary>
/// A browser as far as the dashboard can tell: it keeps cookies, does not follow redirects, and posts
/// a form with the csrf field parsed from the page that shows the form.
/// </summary>
public sealed class DashboardBrowser : IDisposable
{
    public const string SignInPath = "/developers/signin";

    private readonly HttpClient _client;

    /// <param name="from">The client address (default: 127.0.0.1), see <see cref="ClientAddress"/>.</param>
    public DashboardBrowser(PictographServer server, IPAddress? from = null)
    {
        Server = server;
        _client = new HttpClient(ClientAddress.Handler(from, new CookieContainer()))
        {
            BaseAddress = server.BaseAddress,
        };
    }

    public PictographServer Server { get; }

    public static async Task<DashboardBrowser> SignedInAsync(PictographServer server, string email, string password = DemoWorld.DemoPassword)
    {
        var browser = new DashboardBrowser(server);
        var signIn = await browser.SignInAsync(email, password);
        Assert.True(signIn.Status == 302, $"Signing in as {email} answered {signIn.Status}:\n{signIn.Html}");
        return browser;
    }

    public Task<HtmlResponse> SignInAsync(string email, string password, string page = SignInPath) =>
        SubmitAsync(page, SignInPath, ("email", email), ("password", password));

    public async Task<HtmlResponse> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await ReadAsync(response);
    }

    /// <summary>Posts fields as a browser form would, without adding anything (no csrf unless given).</summary>
    public async Task<HtmlResponse> PostAsync(string action, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var response = await _client.PostAsync(action, content);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Opens <paramref name="page"/>, then submits its (first) form that posts to <paramref name="action"/>:
    /// its hidden fields, csrf included, with <paramref name="fields"/> filled in over them.
    /// </summary>
    public async Task<HtmlResponse> SubmitAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        var shown = await GetAsync(page);
        Assert.True(shown.Status == 200, $"GET {page} answered {shown.Status} (to {shown.Location}):\n{shown.Html}");
        var hidden = shown.HiddenFields(action).Where(h => !fields.Any(f => f.Name == h.Name));
        return await PostAsync(action, [.. hidden, .. fields]);
    }

    public void Dispose() => _client.Dispose();

    private static async Task<HtmlResponse> ReadAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
}
