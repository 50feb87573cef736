using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>
/// The checks every dialog page and every post runs, in order: the app, the redirect_uri (until both
/// pass, errors are pages, never redirects), the response_type and the scopes (errors go back to the
/// app), then whether the signed-in person may grant the request.
/// </summary>
public static class RequestValidation
{
    private static readonly (string Title, string Message) AppNotActive =
        ("App not active", "This app is not currently accessible and the app developer is aware of the issue. "
            + "You will be able to log in when the app is reactivated.");

    public static async Task<(ValidRequest? Valid, IResult? Refusal)> ValidateAsync(HttpContext http, AuthorizeDialog dialog, AuthorizeRequest request)
    {
        var app = await http.RequestServices.GetRequiredService<AppDirectory>().FindAsync(request.ClientId, http.RequestAborted);
        if (app is null)
        {
            return (null, DialogViews.Problem(dialog.UnknownApp));
        }

        if (request.RedirectUri is not { } redirectUri
            || !app.RedirectUriList.Contains(redirectUri, StringComparer.Ordinal)
            || !OAuthRedirect.IsUsable(redirectUri))
        {
            return (null, DialogViews.Problem(dialog.UnregisteredRedirect));
        }

        if ((request.ResponseType ?? dialog.DefaultResponseType) != "code")
        {
            var parameters = dialog.ErrorParameters(DialogError.UnsupportedResponseType, "Only response_type=code is supported");
            return (null, OAuthRedirect.To(redirectUri, parameters, request.State));
        }

        if (dialog.ResolveScopes(Permissions.Parse(request.Scope), out var problem) is not { } grant)
        {
            return (null, OAuthRedirect.To(redirectUri, dialog.ErrorParameters(DialogError.InvalidScope, problem), request.State));
        }

        return (new ValidRequest(request, app, redirectUri, grant), null);
    }

    /// <summary>A refusal page when the person may not grant the request: no role on an app in development, or the dialog's own rules.</summary>
    public static async Task<IResult?> CheckPersonAsync(HttpContext http, AuthorizeDialog dialog, ValidRequest request, DialogPerson person)
    {
        if (request.App.Mode == AppMode.Development)
        {
            var db = http.RequestServices.GetRequiredService<PictographDb>();
            var hasRole = await db.AppRoles.AnyAsync(r => r.AppId == request.App.Id && r.PersonId == person.Id, http.RequestAborted);
            if (!hasRole)
            {
                return DialogViews.Refusal(http, dialog, request, person, AppNotActive);
            }
        }

        return dialog.Ineligible(request, person) is { } why ? DialogViews.Refusal(http, dialog, request, person, why) : null;
    }
}
