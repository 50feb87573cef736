using Pictograph.Data;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>Someone who can sign in to a dialog: an Instagram account or a Facebook user.</summary>
public sealed record DialogPerson(long Id, string Name, AccountType? AccountType = null);

/// <summary>A person found by what they typed, with the hash to check their password against.</summary>
public sealed record DialogCredentials(DialogPerson Person, string? PasswordHash);

/// <summary>An error the dialog sends back to the app's redirect_uri once that URI is known to be registered.</summary>
public enum DialogError
{
    UnsupportedResponseType,
    InvalidScope,
}

/// <summary>
/// What differs between Instagram's dialog (Basic Display and Instagram Login) and Facebook Login's:
/// who signs in and how, which scopes are valid, and the exact shape of the redirects.
/// </summary>
public abstract class AuthorizeDialog
{
    /// <summary>The unversioned dialog path; its forms post to sub-paths of it.</summary>
    public abstract string Path { get; }

    /// <summary>The Meta hosts that serve this dialog on the TLS listener.</summary>
    public abstract IReadOnlyList<Impersonation.MetaHost> Hosts { get; }

    public string SignInPath => Path + "/sign-in";

    public string ConsentPath => Path + "/consent";

    public string SignOutPath => Path + "/sign-out";

    /// <summary>"Instagram" or "Facebook": page titles, and the ticket protector's purpose.</summary>
    public abstract string Brand { get; }

    /// <summary>What a request without response_type means (null: the parameter is required).</summary>
    public abstract string? DefaultResponseType { get; }

    /// <summary>The sign-in form's login field: its name and label.</summary>
    public abstract (string Name, string Label, string Autocomplete) LoginField { get; }

    public abstract string WrongCredentials { get; }

    /// <summary>The error page for a missing or unknown client_id.</summary>
    public abstract (string Title, string Message) UnknownApp { get; }

    /// <summary>The error page for a redirect_uri that is missing or not registered for the app.</summary>
    public abstract (string Title, string Message) UnregisteredRedirect { get; }

    /// <summary>Appended to the success redirect: Instagram's "#_", Facebook's "#_=_".</summary>
    public abstract string SuccessFragment { get; }

    /// <summary>The redirect's parameters when the person presses Deny.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> DeniedParameters { get; }

    /// <summary>The redirect's parameters for an invalid request.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> ErrorParameters(DialogError error, string description);

    /// <summary>The flavour and the scopes to grant, or null and why the scope parameter is invalid.</summary>
    public abstract ScopeGrant? ResolveScopes(IReadOnlyList<string> requested, out string problem);

    /// <summary>Who is signed in to this dialog, from the session cookie.</summary>
    public abstract long? SignedInId(HttpContext http);

    public abstract Task SignInAsync(HttpContext http, long personId);

    public abstract Task<DialogPerson?> FindAsync(PictographDb db, long id, CancellationToken cancellationToken);

    public abstract Task<DialogCredentials?> FindByLoginAsync(PictographDb db, string login, CancellationToken cancellationToken);

    /// <summary>Why this person cannot grant this request whatever the app's mode (null: they can).</summary>
    public virtual (string Title, string Message)? Ineligible(ValidRequest request, DialogPerson person) => null;

    protected static string Snake(DialogError error) => error switch
    {
        DialogError.UnsupportedResponseType => "unsupported_response_type",
        _ => "invalid_scope",
    };
}
