using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Web;

namespace Pictograph.Dashboard;

/// <summary>The app an app page is about (tracked, so a handler can change and save it) and the visitor's role on it.</summary>
internal sealed record AppAccess(App App, AppRoleKind Role)
{
    public bool IsAdministrator => Role == AppRoleKind.Administrator;
}

/// <summary>
/// The dashboard's gates, as endpoint filters, and what they leave for the handlers: the signed-in
/// developer and, on an app's pages, <see cref="AppAccess"/>.
/// </summary>
internal static class DashboardContext
{
    private sealed record SignedIn(FacebookUser User);

    /// <summary>The signed-in developer, once <see cref="RequireSignInAsync"/> has run.</summary>
    public static FacebookUser? User(HttpContext http) => http.Features.Get<SignedIn>()?.User;

    public static AppAccess Access(HttpContext http) => http.Features.GetRequiredFeature<AppAccess>();

    /// <summary>Every POST must carry the antiforgery field (<c>csrf</c>) of a page this server rendered.</summary>
    public static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return await next(context);
        }

        bool valid;
        try
        {
            valid = await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            valid = false; // an unreadable form body
        }

        return valid
            ? await next(context)
            : DashboardLayout.Message(http, StatusCodes.Status400BadRequest, "Form refused",
                "This form did not come from this dashboard or has expired. Go back, reload the page and try again.");
    }

    /// <summary>Sends a visitor without a Facebook session to the sign-in page (and back here afterwards).</summary>
    public static async ValueTask<object?> RequireSignInAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<PictographDb>();
        var user = Sessions.FacebookUserId(http) is { } id
            ? await db.FacebookUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, http.RequestAborted)
            : null;
        if (user is null)
        {
            var back = HttpMethods.IsGet(http.Request.Method) ? http.Request.Path + http.Request.QueryString : null;
            return Results.Redirect(SignInPage.Url(back));
        }

        http.Features.Set(new SignedIn(user));
        return await next(context);
    }

    /// <summary>An app's pages are for its administrators and developers; to anyone else (testers too) the app does not exist.</summary>
    public static async ValueTask<object?> RequireAppRoleAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = User(http) ?? throw new InvalidOperationException("App pages are behind the sign-in filter.");
        if (!long.TryParse(http.Request.RouteValues["appId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var appId))
        {
            return DashboardLayout.NotFound(http);
        }

        var db = http.RequestServices.GetRequiredService<PictographDb>();
        var role = await db.AppRoles
            .Where(r => r.AppId == appId && r.PersonId == user.Id)
            .Select(r => (AppRoleKind?)r.Role)
            .SingleOrDefaultAsync(http.RequestAborted);
        var app = role is AppRoleKind.Administrator or AppRoleKind.Developer
            ? await db.Apps.SingleOrDefaultAsync(a => a.Id == appId, http.RequestAborted)
            : null;
        if (app is null || role is not { } granted)
        {
            return DashboardLayout.NotFound(http);
        }

        http.Features.Set(new AppAccess(app, granted));
        return await next(context);
    }

    /// <summary>Settings, roles and the secret are the administrators' to change.</summary>
    public static RouteHandlerBuilder AdministratorsOnly(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            Access(context.HttpContext).IsAdministrator
                ? await next(context)
                : DashboardLayout.Message(context.HttpContext, StatusCodes.Status403Forbidden, "Administrators only",
                    "Only administrators of this app can change its settings, roles and secret."));
}
