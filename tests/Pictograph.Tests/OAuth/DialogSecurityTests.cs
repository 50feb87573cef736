using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.OAuth;

/// <summary>Forged, replayed and altered form posts, and password guessing at speed.</summary>
[Collection(OAuthCollection.Name)]
public sealed class DialogSecurityTests(OAuthServer fixture) : IDisposable
{
    private readonly DialogBrowser _browser = new(fixture.Server);

    private PictographServer Server => fixture.Server;

    private string Url => DialogUrl(Server.Demo.AppId, "user_profile");

    public void Dispose() => _browser.Dispose();

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/sign-out")]
    public async Task A_post_without_the_csrf_field_is_refused(string form)
    {
        var page = form == "/sign-in" ? await _browser.GetAsync(Url) : await _browser.SignInAsync(Url);
        var (action, hidden) = page.Form(form);
        hidden.Remove("csrf");
        hidden["username"] = "jane.doe";
        hidden["password"] = DemoWorld.DemoPassword;

        var posted = await _browser.PostAsync(action, hidden);

        AssertInvalidForm(posted);
    }

    [Fact]
    public async Task A_consent_without_the_csrf_field_issues_no_code()
    {
        var consent = await _browser.SignInAsync(Url);
        var (action, hidden) = consent.Form("/consent");
        hidden.Remove("csrf");
        hidden["decision"] = "allow";

        AssertInvalidForm(await _browser.PostAsync(action, hidden));
    }

    [Fact]
    public async Task A_csrf_token_from_another_browser_is_refused()
    {
        using var attacker = new DialogBrowser(Server);
        var attackersPage = await attacker.GetAsync(Url);
        var (action, hidden) = attackersPage.Form("/sign-in");
        await _browser.GetAsync(Url);
        hidden["username"] = "jane.doe";
        hidden["password"] = DemoWorld.DemoPassword;

        AssertInvalidForm(await _browser.PostAsync(action, hidden));
    }

    [Fact]
    public async Task An_altered_ticket_is_refused()
    {
        var consent = await _browser.SignInAsync(Url);
        var (_, hidden) = consent.Form("/consent");
        var ticket = hidden["ticket"];

        var altered = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"), ("ticket", ticket[..^4] + (ticket[^4..] == "AAAA" ? "BBBB" : "AAAA")));
        var missing = await _browser.SubmitAsync(consent, "/consent", ("decision", "allow"), ("ticket", ""));

        foreach (var page in new[] { altered, missing })
        {
            Assert.Equal(400, page.Status);
            Assert.Null(page.Location);
            Assert.Contains("Page expired", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_instagram_ticket_is_worthless_to_the_facebook_dialog()
    {
        var consent = await _browser.SignInAsync(Url);
        var (_, hidden) = consent.Form("/consent");

        var posted = await _browser.PostAsync("/dialog/oauth/consent", hidden.Append(new("decision", "allow")));

        Assert.Equal(400, posted.Status);
        Assert.Null(posted.Location);
    }

    [Fact]
    public async Task A_decision_other_than_allow_or_deny_is_refused()
    {
        var consent = await _browser.SignInAsync(Url);

        var posted = await _browser.SubmitAsync(consent, "/consent", ("decision", "maybe"));

        Assert.Equal(400, posted.Status);
        Assert.Null(posted.Location);
    }

    [Fact]
    public async Task Sign_in_is_throttled()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:SignInAttemptsPerMinute=3");
        using var browser = new DialogBrowser(own.Server);
        var signIn = await browser.GetAsync(DialogUrl(own.Server.Demo.AppId, "user_profile"));

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.SubmitAsync(signIn, "/sign-in", ("username", "jane.doe"), ("password", $"guess-{i}"))).Status);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        var rightPassword = await browser.SubmitAsync(signIn, "/sign-in", ("username", "jane.doe"), ("password", DemoWorld.DemoPassword));
        Assert.Equal(429, rightPassword.Status);
    }

    [Fact]
    public async Task Failed_sign_ins_are_counted_per_account_across_addresses_and_spellings()
    {
        await using var own = await OwnServer.StartAsync(OAuthServer.LooseThrottle, "--Pictograph:SignInFailuresPerAccount=3", "--Pictograph:SignInFailureWindow=00:05:00");
        var url = DialogUrl(own.Server.Demo.AppId, "user_profile");
        var logins = new[] { "jane.doe", "@Jane.Doe", " JANE.DOE " };
        var answers = new List<DialogPage>();
        for (var i = 0; i < 4; i++)
        {
            using var attacker = new DialogBrowser(own.Server, ClientAddress.Loopback(i));
            var signIn = await attacker.GetAsync(url);
            answers.Add(await attacker.SubmitAsync(signIn, "/sign-in", ("username", logins[i % logins.Length]), ("password", $"guess-{i}")));
        }

        Assert.Equal([200, 200, 200, 429], answers.Select(a => a.Status));
        Assert.Contains("Sorry, your username or password was incorrect.", answers[0].Text, StringComparison.Ordinal);
        Assert.Contains("Too many failed attempts to sign in to this account. Wait 5 minutes and try again.", answers[3].Text, StringComparison.Ordinal);
        // The page is the sign-in form again, not a dead end.
        Assert.True(answers[3].HasForm("/sign-in"));

        using var jane = new DialogBrowser(own.Server, ClientAddress.Loopback(9));
        Assert.Equal(429, (await jane.SubmitAsync(await jane.GetAsync(url), "/sign-in", ("username", "jane.doe"), ("password", DemoWorld.DemoPassword))).Status);
        // Another account is not held.
        await jane.SignInAsync(url, "studio.creator");

        own.Server.Clock.Advance(TimeSpan.FromMinutes(5));
        using var later = new DialogBrowser(own.Server, ClientAddress.Loopback(9));
        await later.SignInAsync(url);
    }

    private static void AssertInvalidForm(DialogPage page)
    {
        Assert.Equal(400, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("Invalid form", page.Text, StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Set-Cookie") && page.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("pictograph_session=", StringComparison.Ordinal)));
    }
}
