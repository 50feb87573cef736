using System.Net;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Dashboard;

/// <summary>Signing in to the dashboard as a Facebook user, and out again.</summary>
public sealed class SignInTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task Without_a_session_the_dashboard_sends_you_to_sign_in_and_back()
    {
        using var browser = new DashboardBrowser(server);

        var apps = await browser.GetAsync("/developers/apps");
        var app = await browser.GetAsync(DashboardData.AppPath(server.Demo.AppId, "roles"));

        Assert.Equal(302, apps.Status);
        Assert.Equal("/developers/signin", apps.Location);
        Assert.Equal(302, app.Status);
        Assert.Equal($"/developers/signin?next={Uri.EscapeDataString(DashboardData.AppPath(server.Demo.AppId, "roles"))}", app.Location);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_leaves_no_session()
    {
        using var browser = new DashboardBrowser(server);

        var refused = await browser.SignInAsync(DemoWorld.DeveloperEmail, "not the password");
        var unknown = await browser.SignInAsync("nobody@example.com", DemoWorld.DemoPassword);
        var apps = await browser.GetAsync("/developers/apps");

        foreach (var response in new[] { refused, unknown })
        {
            Assert.Equal(400, response.Status);
            Assert.Contains("The email address or password is incorrect.", response.Html, StringComparison.Ordinal);
        }

        Assert.Contains($"value=\"{DemoWorld.DeveloperEmail}\"", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", refused.Html, StringComparison.Ordinal);
        Assert.Equal(302, apps.Status);
        Assert.Equal("/developers/signin", apps.Location);
    }

    [Fact]
    public async Task The_right_password_signs_in_and_lists_my_apps()
    {
        using var browser = new DashboardBrowser(server);

        var signedIn = await browser.SignInAsync(DemoWorld.DeveloperEmail, DemoWorld.DemoPassword);
        var apps = await browser.GetAsync(signedIn.Location!);

        Assert.Equal(302, signedIn.Status);
        Assert.Equal("/developers/apps", signedIn.Location);
        Assert.Equal(200, apps.Status);
        Assert.Contains(WebUtility.HtmlEncode(DemoWorld.AppName), apps.Html, StringComparison.Ordinal);
        Assert.Contains(DashboardData.AppPath(server.Demo.AppId), apps.Html, StringComparison.Ordinal);
        Assert.Contains(DemoWorld.DeveloperEmail, apps.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_returns_to_a_dashboard_page_but_never_elsewhere()
    {
        using var browser = new DashboardBrowser(server);
        using var other = new DashboardBrowser(server);
        var rolesPage = DashboardData.AppPath(server.Demo.AppId, "roles");

        var back = await browser.SignInAsync(DemoWorld.DeveloperEmail, DemoWorld.DemoPassword, $"/developers/signin?next={Uri.EscapeDataString(rolesPage)}");
        var shown = await other.GetAsync("/developers/signin?next=https%3A%2F%2Fevil.example%2F");
        var elsewhere = await other.PostAsync("/developers/signin",
            ("csrf", shown.Csrf("/developers/signin")), ("email", DemoWorld.DeveloperEmail), ("password", DemoWorld.DemoPassword), ("next", "//evil.example/"));

        Assert.Equal(rolesPage, back.Location);
        Assert.DoesNotContain("evil.example", shown.Html, StringComparison.Ordinal);
        Assert.Equal(302, elsewhere.Status);
        Assert.Equal("/developers/apps", elsewhere.Location);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var browser = await DashboardBrowser.SignedInAsync(server, DemoWorld.DeveloperEmail);

        var signedOut = await browser.SubmitAsync("/developers/apps", "/developers/signout");
        var apps = await browser.GetAsync("/developers/apps");

        Assert.Equal(302, signedOut.Status);
        Assert.Equal("/developers/signin", signedOut.Location);
        Assert.Equal(302, apps.Status);
    }

    [Fact]
    public async Task Sign_in_posts_are_throttled_per_client()
    {
        // A server of its own: the throttle's budget is per server and minute.
        await using var own = await OwnServer.StartAsync();
        using var browser = new DashboardBrowser(own.Server);
        var csrf = (await browser.GetAsync("/developers/signin")).Csrf("/developers/signin");

        var statuses = new List<int>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await browser.PostAsync("/developers/signin", ("csrf", csrf), ("email", DemoWorld.DeveloperEmail), ("password", "guess " + i))).Status);
        }

        Assert.All(statuses.Take(10), status => Assert.Equal(400, status));
        Assert.Equal(429, statuses[^1]);
    }

    [Fact]
    public async Task Wrong_passwords_from_many_addresses_hold_the_account_until_its_window_ends()
    {
        // The defaults: 10 posts per address and minute, 10 failures per account and 15 minutes.
        await using var own = await OwnServer.StartAsync();
        var statuses = new List<int>();
        string? held = null;
        for (var address = 0; address < 10; address++)
        {
            using var attacker = new DashboardBrowser(own.Server, ClientAddress.Loopback(address));
            var csrf = (await attacker.GetAsync("/developers/signin")).Csrf("/developers/signin");
            for (var guess = 0; guess < 10; guess++)
            {
                var answer = await attacker.PostAsync("/developers/signin", ("csrf", csrf), ("email", DemoWorld.DeveloperEmail), ("password", $"guess {address}-{guess}"));
                statuses.Add(answer.Status);
                held = answer.Status == 429 ? answer.Html : held;
            }
        }

        Assert.All(statuses.Take(10), status => Assert.Equal(400, status));
        Assert.All(statuses.Skip(10), status => Assert.Equal(429, status));
        Assert.Contains("Too many failed attempts to sign in to this account. Wait 15 minutes and try again.", held, StringComparison.Ordinal);

        // Held means held: the right password from a new address is not even checked, whatever the case of the email.
        using var person = new DashboardBrowser(own.Server, ClientAddress.Loopback(10));
        var refused = await person.SignInAsync(DemoWorld.DeveloperEmail.ToUpperInvariant(), DemoWorld.DemoPassword);
        Assert.Equal(429, refused.Status);

        own.Server.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(302, (await person.SignInAsync(DemoWorld.DeveloperEmail, DemoWorld.DemoPassword)).Status);
    }
}
