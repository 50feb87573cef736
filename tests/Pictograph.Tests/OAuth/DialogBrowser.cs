using System.Net;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.OAuth;

/// <summary>
/// A person's browser in front of the dialogs: keeps cookies, follows no redirect by itself, and posts
/// the pages' forms with their hidden fields (antiforgery token and ticket) as a browser would.
/// </summary>
public sealed class DialogBrowser : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="from">The client address (default: 127.0.0.1), see <see cref="ClientAddress"/>.</param>
    public DialogBrowser(PictographServer server, IPAddress? from = null)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(ClientAddress.Handler(from, Cookies))
        {
            BaseAddress = server.BaseAddress,
        };
    }

    public CookieContainer Cookies { get; }

    public async Task<DialogPage> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return await ReadAsync(response);
    }

    /// <summary>Posts the page's form whose action ends with the suffix: its hidden fields, plus (or overridden by) these.</summary>
    public Task<DialogPage> SubmitAsync(DialogPage page, string actionSuffix, params (string Name, string Value)[] fields)
    {
        var (action, hidden) = page.Form(actionSuffix);
        foreach (var (name, value) in fields)
        {
            hidden[name] = value;
        }

        return PostAsync(action, hidden);
    }

    public async Task<DialogPage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _client.PostAsync(action, content);
        return await ReadAsync(response);
    }

    /// <summary>Follows a redirect back into the server (after signing in or out).</summary>
    public Task<DialogPage> FollowAsync(DialogPage redirect)
    {
        Assert.True(redirect.IsRedirect, $"Expected a redirect but got HTTP {redirect.Status}: {redirect.Text}");
        Assert.StartsWith("/", redirect.Location, StringComparison.Ordinal);
        return GetAsync(redirect.Location!);
    }

    /// <summary>Opens the dialog, signs in and returns the page after that (consent, or a refusal).</summary>
    public async Task<DialogPage> SignInAsync(string dialogUrl, string login = DemoWorld.PersonalUsername, string password = DemoWorld.DemoPassword)
    {
        var signIn = await GetAsync(dialogUrl);
        Assert.True(signIn.Status == 200 && signIn.HasForm("/sign-in"), $"Expected the sign-in page but got HTTP {signIn.Status}: {signIn.Text}");
        var loginField = dialogUrl.Contains("/dialog/oauth", StringComparison.Ordinal) ? "email" : "username";
        var signedIn = await SubmitAsync(signIn, "/sign-in", (loginField, login), ("password", password));
        return await FollowAsync(signedIn);
    }

    /// <summary>Signs in, presses Allow and returns the redirect to the app.</summary>
    public async Task<DialogPage> AuthorizeAsync(string dialogUrl, string login = DemoWorld.PersonalUsername)
    {
        var consent = await SignInAsync(dialogUrl, login);
        Assert.True(consent.Status == 200 && consent.HasForm("/consent"), $"Expected the consent page but got HTTP {consent.Status}: {consent.Text}");
        var allowed = await SubmitAsync(consent, "/consent", ("decision", "allow"));
        Assert.True(allowed.IsRedirect, $"Allow answered HTTP {allowed.Status}: {allowed.Text}");
        return allowed;
    }

    public void Dispose() => _client.Dispose();

    private static async Task<DialogPage> ReadAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(), response.Headers);
}
