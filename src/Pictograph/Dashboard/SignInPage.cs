using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Web;
using static Pictograph.Web.HtmlPage;

namespace Pictograph.Dashboard;

/// <summary>Signing in to the dashboard as a Facebook user (email and password), and out again.</summary>
internal static class SignInPage
{
    private const string Refused = "The email address or password is incorrect.";

    // Checked when the email is unknown, so a wrong email takes as long as a wrong password.
    private static readonly Lazy<string> NobodysHash = new(() => Passwords.Hash(Guid.NewGuid().ToString()));

    public static void Map(IEndpointRouteBuilder dashboard)
    {
        dashboard.MapGet("/signin", Show);
        dashboard.MapPost("/signin", SignInAsync).RequireRateLimiting(SignInThrottle.Policy);
        dashboard.MapPost("/signout", (Delegate)SignOutAsync);
    }

    /// <summary>The sign-in page, coming back to <paramref name="next"/> (a dashboard path) afterwards.</summary>
    public static string Url(string? next) =>
        DashboardPaths.IsDashboardPath(next) && next != DashboardPaths.Apps
            ? QueryHelpers.AddQueryString(DashboardPaths.SignIn, "next", next!)
            : DashboardPaths.SignIn;

    private static IResult Show(HttpContext http, string? next) => Render(http, next, email: null, problem: null);

    private static async Task<IResult> SignInAsync(HttpContext http, PictographDb db)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var next = form["next"].ToString();
        // Emails are stored in lower case, as Facebook's dialog looks them up.
        var stored = email.ToLowerInvariant();
        var user = email.Length == 0
            ? null
            : await db.FacebookUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Email == stored, http.RequestAborted);
        var limit = http.RequestServices.GetRequiredService<AccountSignInLimit>();
        var account = AccountSignInLimit.Key("facebook", user?.Id, email);
        if (await limit.HeldAsync(account, http.RequestAborted) is { } held)
        {
            return Render(http, next, email, held, StatusCodes.Status429TooManyRequests);
        }

        var passwordMatches = Passwords.Verify(user is null ? NobodysHash.Value : user.PasswordHash, password);
        if (user is null || !passwordMatches)
        {
            await limit.FailedAsync(account, http.RequestAborted);
            return Render(http, next, email, Refused);
        }

        await Sessions.SignInFacebookUserAsync(http, user.Id);
        return Results.Redirect(NextOrApps(next));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await Sessions.SignOutAsync(http);
        return Results.Redirect(DashboardPaths.SignIn);
    }

    private static string NextOrApps(string? next) => DashboardPaths.IsDashboardPath(next) ? next! : DashboardPaths.Apps;

    private static IResult Render(HttpContext http, string? next, string? email, string? problem, int problemStatus = StatusCodes.Status400BadRequest)
    {
        var fields = $"""
            <label>Email address <input type="email" name="email" value="{Encode(email)}" autocomplete="username" required autofocus></label>
            <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
            <input type="hidden" name="next" value="{Encode(DashboardPaths.IsDashboardPath(next) ? next : "")}">
            <button>Sign in</button>
            """;
        var body = "<h1>Sign in</h1><p class=\"muted\">Use your Facebook account to manage your apps.</p>"
            + (problem is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(problem)}</p>")
            + DashboardLayout.Form(http, DashboardPaths.SignIn, fields, "stack");
        return DashboardLayout.Page(http, "Sign in", body, problem is null ? StatusCodes.Status200OK : problemStatus);
    }
}
