using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Pictograph.Web;

/// <summary>
/// Who is signed in to the server's own pages: an Instagram account (OAuth for Instagram), a Facebook
/// user (Facebook Login and the developer dashboard), or both, in one encrypted, HttpOnly cookie.
/// </summary>
public static class Sessions
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string AccountClaim = "pictograph:account";
    private const string FacebookUserClaim = "pictograph:facebook_user";

    public static IServiceCollection AddPictographSessions(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "pictograph_session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(7);
            cookie.SlidingExpiration = true;
            // Pages decide for themselves where to send a visitor who is not signed in.
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pictograph_csrf";
            options.FormFieldName = "csrf";
        });
        return services;
    }

    public static long? AccountId(HttpContext http) => Read(http, AccountClaim);

    public static long? FacebookUserId(HttpContext http) => Read(http, FacebookUserClaim);

    public static Task SignInAccountAsync(HttpContext http, long accountId) => SignInAsync(http, AccountClaim, accountId);

    public static Task SignInFacebookUserAsync(HttpContext http, long facebookUserId) => SignInAsync(http, FacebookUserClaim, facebookUserId);

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Adds (or replaces) one identity in the cookie, keeping the other.</summary>
    private static async Task SignInAsync(HttpContext http, string claim, long id)
    {
        var current = await http.AuthenticateAsync(Scheme);
        var claims = current.Principal?.Claims.Where(c => c.Type != claim).ToList() ?? [];
        claims.Add(new Claim(claim, id.ToString(CultureInfo.InvariantCulture)));
        await http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
    }

    private static long? Read(HttpContext http, string claim) =>
        long.TryParse(http.User.FindFirst(claim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
