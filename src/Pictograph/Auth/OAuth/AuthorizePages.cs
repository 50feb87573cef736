using Microsoft.AspNetCore.Antiforgery;
using Pictograph.Auth.OAuth.Pages;
using Pictograph.Data;
using Pictograph.Impersonation;
using Pictograph.Web;

namespace Pictograph.Auth.OAuth;

/// <summary>
/// The authorization dialogs: Instagram's <c>/oauth/authorize</c> and Facebook's <c>/dialog/oauth</c>.
/// GET validates the request and shows sign-in, a refusal or consent; the forms post (with an
/// antiforgery token and a protected ticket) to sign-in, consent and sign-out, which validate it all again.
/// </summary>
public static class AuthorizePages
{
    private static readonly (string Title, string Message) InvalidForm =
        ("Invalid form", "This form was not sent from this site, or its security token is missing or stale. Go back, reload the page and try again.");

    private static readonly (string Title, string Message) ExpiredTicket =
        ("Page expired", "This page has expired. Go back to the app and start again.");

    private static readonly (string Title, string Message) NoDecision =
        ("Invalid form", "Choose Allow or Deny.");

    // Checked when a login is unknown, so a wrong username answers as slowly as a wrong password.
    private static readonly Lazy<string> NobodysHash = new(() => Passwords.Hash(Guid.NewGuid().ToString("N")));

    public static IEndpointRouteBuilder MapOAuthPages(this IEndpointRouteBuilder app)
    {
        MapDialog(app, InstagramDialog.Instance, versioned: false);
        MapDialog(app, FacebookDialog.Instance, versioned: true);
        return app;
    }

    /// <summary>The dialog's GET (also under /v25.0/… when versioned, as www.facebook.com has it) and its three posts.</summary>
    private static void MapDialog(IEndpointRouteBuilder app, AuthorizeDialog dialog, bool versioned)
    {
        // Typed as Delegate so the returned IResult is executed (a RequestDelegate would drop it).
        var hosts = dialog.Hosts.ToArray();
        app.MapGet(dialog.Path, (Delegate)((HttpContext http) => ShowAsync(http, dialog))).ServedOn(hosts);
        if (versioned)
        {
            app.MapGet("/{version:apiversion}" + dialog.Path, (Delegate)((HttpContext http) => ShowAsync(http, dialog))).ServedOn(hosts);
        }

        app.MapPost(dialog.SignInPath, (Delegate)((HttpContext http) => SignInAsync(http, dialog))).RequireRateLimiting(SignInThrottle.Policy).ServedOn(hosts);
        app.MapPost(dialog.ConsentPath, (Delegate)((HttpContext http) => ConsentAsync(http, dialog))).ServedOn(hosts);
        app.MapPost(dialog.SignOutPath, (Delegate)((HttpContext http) => SignOutAsync(http, dialog))).ServedOn(hosts);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, AuthorizeDialog dialog)
    {
        var (request, refusal) = await RequestValidation.ValidateAsync(http, dialog, AuthorizeRequest.From(http.Request.Query));
        if (request is null)
        {
            return refusal!;
        }

        var person = await SignedInPersonAsync(http, dialog);
        if (person is null)
        {
            return DialogViews.SignIn(http, dialog, request);
        }

        return await RequestValidation.CheckPersonAsync(http, dialog, request, person) ?? DialogViews.Consent(http, dialog, request, person);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, AuthorizeDialog dialog)
    {
        var (form, ticket, problem) = await ReadFormAsync(http, dialog);
        if (ticket is null)
        {
            return problem!;
        }

        var (request, refusal) = await RequestValidation.ValidateAsync(http, dialog, ticket.Request);
        if (request is null)
        {
            return refusal!;
        }

        var login = form![dialog.LoginField.Name].ToString();
        var found = login.Length is > 0 and <= 320
            ? await dialog.FindByLoginAsync(http.RequestServices.GetRequiredService<PictographDb>(), login, http.RequestAborted)
            : null;
        var limit = http.RequestServices.GetRequiredService<AccountSignInLimit>();
        var account = AccountSignInLimit.Key(dialog.Brand.ToLowerInvariant(), found?.Person.Id, login);
        if (await limit.HeldAsync(account, http.RequestAborted) is { } held)
        {
            return DialogViews.SignIn(http, dialog, request, held, login, StatusCodes.Status429TooManyRequests);
        }

        var hash = found?.PasswordHash;
        if (!Passwords.Verify(hash ?? NobodysHash.Value, form["password"].ToString()) || hash is null)
        {
            await limit.FailedAsync(account, http.RequestAborted);
            return DialogViews.SignIn(http, dialog, request, dialog.WrongCredentials, login);
        }

        await dialog.SignInAsync(http, found!.Person.Id);
        return Results.Redirect(DialogUrl(dialog, request.Request));
    }

    private static async Task<IResult> ConsentAsync(HttpContext http, AuthorizeDialog dialog)
    {
        var (form, ticket, problem) = await ReadFormAsync(http, dialog);
        if (ticket is null)
        {
            return problem!;
        }

        var (request, refusal) = await RequestValidation.ValidateAsync(http, dialog, ticket.Request);
        if (request is null)
        {
            return refusal!;
        }

        switch (form!["decision"].ToString())
        {
            case "deny":
                return OAuthRedirect.To(request.RedirectUri, dialog.DeniedParameters, request.State);
            case not "allow":
                return DialogViews.Problem(NoDecision);
        }

        var person = await SignedInPersonAsync(http, dialog);
        if (person is null || person.Id != ticket.PersonId)
        {
            // The grant goes only to the person the page was shown to; anyone else is asked afresh.
            return Results.Redirect(DialogUrl(dialog, request.Request));
        }

        if (await RequestValidation.CheckPersonAsync(http, dialog, request, person) is { } refused)
        {
            return refused;
        }

        var code = await http.RequestServices.GetRequiredService<AuthorizationCodes>().IssueAsync(
            request.App.Id, person.Id, request.Grant.Flavour, request.RedirectUri, request.Grant.Scopes, http.RequestAborted);
        return OAuthRedirect.To(request.RedirectUri, [new("code", code)], request.State, dialog.SuccessFragment);
    }

    /// <summary>"Not you? Switch account": signs out and shows the dialog again.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, AuthorizeDialog dialog)
    {
        var (_, ticket, problem) = await ReadFormAsync(http, dialog);
        if (ticket is null)
        {
            return problem!;
        }

        await Sessions.SignOutAsync(http);
        return Results.Redirect(DialogUrl(dialog, ticket.Request));
    }

    /// <summary>A dialog post's form and ticket, once its antiforgery token checks out; else the error page.</summary>
    private static async Task<(IFormCollection? Form, DialogTicket? Ticket, IResult? Problem)> ReadFormAsync(HttpContext http, AuthorizeDialog dialog)
    {
        if (!http.Request.HasFormContentType || !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return (null, null, DialogViews.Problem(InvalidForm));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var ticket = DialogTickets.Unprotect(http, dialog, form[DialogTickets.FieldName]);
        return ticket is null ? (null, null, DialogViews.Problem(ExpiredTicket)) : (form, ticket, null);
    }

    private static async Task<DialogPerson?> SignedInPersonAsync(HttpContext http, AuthorizeDialog dialog) =>
        dialog.SignedInId(http) is { } id
            ? await dialog.FindAsync(http.RequestServices.GetRequiredService<PictographDb>(), id, http.RequestAborted)
            : null;

    /// <summary>The dialog's own URL for a request: where sign-in and sign-out return to (never elsewhere).</summary>
    private static string DialogUrl(AuthorizeDialog dialog, AuthorizeRequest request) => dialog.Path + request.ToQueryString();
}
