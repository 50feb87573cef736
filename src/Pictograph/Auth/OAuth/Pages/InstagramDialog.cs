using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Web;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>
/// Instagram's <c>/oauth/authorize</c>: an Instagram account signs in; Basic Display or Instagram Login,
/// as the scopes say. Redirects carry <c>error</c>, <c>error_reason</c>, <c>error_description</c>.
/// </summary>
public sealed class InstagramDialog : AuthorizeDialog
{
    public static readonly InstagramDialog Instance = new();

    private InstagramDialog()
    {
    }

    public override string Path => "/oauth/authorize";


    public override IReadOnlyList<Impersonation.MetaHost> Hosts { get; } = [Impersonation.MetaHost.ApiInstagram, Impersonation.MetaHost.WwwInstagram];

    public override string Brand => "Instagram";

    public override string? DefaultResponseType => null;

    public override (string Name, string Label, string Autocomplete) LoginField => ("username", "Username", "username");

    public override string WrongCredentials => "Sorry, your username or password was incorrect. Please check them and try again.";

    public override (string Title, string Message) UnknownApp =>
        ("Invalid platform app", "The client_id of this request is missing or is not the id of an app.");

    public override (string Title, string Message) UnregisteredRedirect =>
        ("Invalid redirect_uri", "The redirect_uri of this request is missing or does not exactly match one of the app's valid OAuth redirect URIs.");

    public override string SuccessFragment => "#_";

    public override IReadOnlyList<KeyValuePair<string, string>> DeniedParameters { get; } =
    [
        new("error", "access_denied"),
        new("error_reason", "user_denied"),
        new("error_description", "The user denied your request"),
    ];

    public override IReadOnlyList<KeyValuePair<string, string>> ErrorParameters(DialogError error, string description) =>
    [
        new("error", Snake(error)),
        new("error_reason", Snake(error)),
        new("error_description", description),
    ];

    /// <summary>All Basic Display (user_profile required) or all Instagram Login (instagram_business_basic required).</summary>
    public override ScopeGrant? ResolveScopes(IReadOnlyList<string> requested, out string problem)
    {
        var invalid = requested.Where(s => !Permissions.All.TryGetValue(s, out var p) || p.Flavour == TokenFlavour.Facebook).ToList();
        if (invalid.Count > 0)
        {
            // As on Meta's dialog, the permission names of the documentation are not scope strings; say which one is.
            var hints = invalid.Where(Permissions.ScopeForDocumentedName.ContainsKey)
                .Select(s => $"request {s} with the scope string {Permissions.ScopeForDocumentedName[s]}")
                .ToList();
            problem = $"Invalid scope: {string.Join(", ", invalid)}" + (hints.Count > 0 ? $" ({string.Join("; ", hints)})" : "");
            return null;
        }

        var flavours = requested.Select(s => Permissions.All[s].Flavour).Distinct().ToList();
        if (flavours.Count > 1)
        {
            problem = "Invalid scope: Basic Display and Instagram Login permissions cannot be requested together";
            return null;
        }

        var flavour = flavours.Count == 1 ? flavours[0] : TokenFlavour.BasicDisplay;
        var required = flavour == TokenFlavour.BasicDisplay ? Permissions.UserProfile : Permissions.BusinessBasic;
        if (!requested.Contains(required))
        {
            problem = $"Invalid scope: {required} is required";
            return null;
        }

        problem = "";
        return new ScopeGrant(flavour, requested);
    }

    public override long? SignedInId(HttpContext http) => Sessions.AccountId(http);

    public override Task SignInAsync(HttpContext http, long personId) => Sessions.SignInAccountAsync(http, personId);

    public override Task<DialogPerson?> FindAsync(PictographDb db, long id, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new DialogPerson(a.Id, a.Username, a.AccountType))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>By username, as typed or with a leading @, in any case (usernames are stored in lower case).</summary>
    public override Task<DialogCredentials?> FindByLoginAsync(PictographDb db, string login, CancellationToken cancellationToken)
    {
        var username = login.Trim().TrimStart('@').ToLowerInvariant();
        return db.Accounts.AsNoTracking()
            .Where(a => a.Username == username)
            .Select(a => new DialogCredentials(new DialogPerson(a.Id, a.Username, a.AccountType), a.PasswordHash))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Instagram Login serves professional accounts only.</summary>
    public override (string Title, string Message)? Ineligible(ValidRequest request, DialogPerson person) =>
        request.Grant.Flavour == TokenFlavour.InstagramLogin && person.AccountType == AccountType.Personal
            ? ("Professional account required",
                $"{request.App.Name} uses Instagram Login, which works only with professional accounts (business or creator). "
                + $"{person.Name} is a personal account: switch it to a professional account, or log in with another one.")
            : null;
}
