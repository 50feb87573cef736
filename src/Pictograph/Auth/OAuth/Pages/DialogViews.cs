using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Pictograph.Web;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>The dialog's pages: sign-in, consent, refusal and error. Every dynamic value is HTML-encoded.</summary>
public static class DialogViews
{
    public static IResult SignIn(HttpContext http, AuthorizeDialog dialog, ValidRequest request, string? error = null, string? login = null, int status = StatusCodes.Status200OK)
    {
        var (name, label, autocomplete) = dialog.LoginField;
        var body = new StringBuilder()
            .Append(Brand(dialog))
            .Append("<h1>Log in to continue to ").Append(E(request.App.Name)).Append("</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        body.Append(FormStart(http, dialog, dialog.SignInPath, new DialogTicket(request.Request, null), "stack"))
            .Append("<label for=\"login\">").Append(E(label)).Append("</label>")
            .Append("<input id=\"login\" name=\"").Append(E(name)).Append("\" autocomplete=\"").Append(E(autocomplete))
            .Append("\" value=\"").Append(E(login)).Append("\" required autofocus>")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" type=\"password\" name=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\">Log in</button></form>");
        return HtmlPage.Result($"Log in • {dialog.Brand}", body.ToString(), status);
    }

    public static IResult Consent(HttpContext http, AuthorizeDialog dialog, ValidRequest request, DialogPerson person)
    {
        var app = E(request.App.Name);
        var body = new StringBuilder()
            .Append(Brand(dialog))
            .Append("<h1>Allow ").Append(app).Append(" to access your ").Append(E(dialog.Brand)).Append(" account?</h1>")
            .Append("<p>You are logged in as <strong>").Append(E(person.Name)).Append("</strong>.</p>")
            .Append("<p>").Append(app).Append(" will be able to:</p><ul class=\"permissions\">");
        foreach (var scope in request.Grant.Scopes)
        {
            body.Append("<li>").Append(E(Permissions.All[scope].Description))
                .Append(" <span class=\"muted\">(<code>").Append(E(Permissions.All[scope].Label)).Append("</code>)</span></li>");
        }

        body.Append("</ul><p class=\"muted\">Then you will go back to <code>")
            .Append(E(new Uri(request.RedirectUri).GetLeftPart(UriPartial.Authority))).Append("</code>.</p>")
            .Append(FormStart(http, dialog, dialog.ConsentPath, new DialogTicket(request.Request, person.Id)))
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
            .Append("<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button></form>")
            .Append(SwitchAccount(http, dialog, request, person));
        return HtmlPage.Result($"Authorize {request.App.Name} • {dialog.Brand}", body.ToString());
    }

    /// <summary>The person may not grant this request (HTTP 403); they can switch account.</summary>
    public static IResult Refusal(HttpContext http, AuthorizeDialog dialog, ValidRequest request, DialogPerson person, (string Title, string Message) why)
    {
        var body = Brand(dialog)
            + $"<h1>{E(why.Title)}</h1><p>{E(why.Message)}</p>"
            + SwitchAccount(http, dialog, request, person);
        return HtmlPage.Result($"{why.Title} • {dialog.Brand}", body, StatusCodes.Status403Forbidden);
    }

    /// <summary>A request that cannot even be answered with a redirect (HTTP 400).</summary>
    public static IResult Problem((string Title, string Message) problem) =>
        HtmlPage.Result(problem.Title, $"<h1>{E(problem.Title)}</h1><p>{E(problem.Message)}</p>", StatusCodes.Status400BadRequest);

    private static string SwitchAccount(HttpContext http, AuthorizeDialog dialog, ValidRequest request, DialogPerson person) =>
        FormStart(http, dialog, dialog.SignOutPath, new DialogTicket(request.Request, null))
        + $"<p class=\"muted\">Not {E(person.Name)}? <button type=\"submit\" class=\"secondary\">Switch account</button></p></form>";

    private static string FormStart(HttpContext http, AuthorizeDialog dialog, string action, DialogTicket ticket, string? cssClass = null)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var css = cssClass is null ? "" : $" class=\"{cssClass}\"";
        return $"<form{css} method=\"post\" action=\"{E(action)}\">"
            + HtmlPage.AntiforgeryField(tokens)
            + $"<input type=\"hidden\" name=\"{DialogTickets.FieldName}\" value=\"{E(DialogTickets.Protect(http, dialog, ticket))}\">";
    }

    private static string Brand(AuthorizeDialog dialog) => $"<p class=\"muted\">Pictograph · {E(dialog.Brand)}</p>";

    private static string E(string? text) => HtmlPage.Encode(text);
}
