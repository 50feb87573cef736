using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Web;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>
/// Facebook Login's <c>/dialog/oauth</c>: a Facebook user signs in; Facebook Login permissions only,
/// <c>public_profile</c> always granted. Redirects carry Facebook's <c>error_code</c> too.
/// </summary>
public sealed class FacebookDialog : AuthorizeDialog
{
    public static readonly FacebookDialog Instance = new();

    private FacebookDialog()
    {
    }

    public override string Path => "/dialog/oauth";


    public override IReadOnlyList<Impersonation.MetaHost> Hosts { get; } = [Impersonation.MetaHost.WwwFacebook];

    public override string Brand => "Facebook";

    public override string? DefaultResponseType => "code";

    public override (string Name, string Label, string Autocomplete) LoginField => ("email", "Email", "email");

    public override string WrongCredentials => "The email or password you entered is incorrect.";

    public override (string Title, string Message) UnknownApp =>
        ("Invalid App ID", "The provided app ID does not look like a valid app ID.");

    public override (string Title, string Message) UnregisteredRedirect =>
        ("URL blocked", "This redirect failed because the redirect URI is not whitelisted in the app's client OAuth settings. "
            + "Add the exact redirect URI to the app's valid OAuth redirect URIs.");

    public override string SuccessFragment => "#_=_";

    public override IReadOnlyList<KeyValuePair<string, string>> DeniedParameters { get; } =
    [
        new("error", "access_denied"),
        new("error_code", "200"),
        new("error_description", "Permissions error"),
        new("error_reason", "user_denied"),
    ];

    public override IReadOnlyList<KeyValuePair<string, string>> ErrorParameters(DialogError error, string description) =>
    [
        new("error", Snake(error)),
        new("error_code", "100"),
        new("error_description", description),
        new("error_reason", Snake(error)),
    ];

    /// <summary>Facebook Login permissions only; public_profile is granted whether asked for or not.</summary>
    public override ScopeGrant? ResolveScopes(IReadOnlyList<string> requested, out string problem)
    {
        var invalid = requested.Where(s => !Permissions.All.TryGetValue(s, out var p) || p.Flavour != TokenFlavour.Facebook).ToList();
        if (invalid.Count > 0)
        {
            problem = $"Invalid Scopes: {string.Join(", ", invalid)}";
            return null;
        }

        problem = "";
        return new ScopeGrant(TokenFlavour.Facebook, requested.Contains(Permissions.PublicProfile) ? requested : [.. requested, Permissions.PublicProfile]);
    }

    public override long? SignedInId(HttpContext http) => Sessions.FacebookUserId(http);

    public override Task SignInAsync(HttpContext http, long personId) => Sessions.SignInFacebookUserAsync(http, personId);

    public override Task<DialogPerson?> FindAsync(PictographDb db, long id, CancellationToken cancellationToken) =>
        db.FacebookUsers.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new DialogPerson(u.Id, u.Name, null))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>By email, in any case (emails are stored in lower case).</summary>
    public override Task<DialogCredentials?> FindByLoginAsync(PictographDb db, string login, CancellationToken cancellationToken)
    {
        var email = login.Trim().ToLowerInvariant();
        return db.FacebookUsers.AsNoTracking()
            .Where(u => u.Email == email)
            .Select(u => new DialogCredentials(new DialogPerson(u.Id, u.Name, null), u.PasswordHash))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
