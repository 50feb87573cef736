using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Pictograph.Data;

namespace Pictograph.Auth.OAuth.Pages;

/// <summary>
/// One authorization request's parameters as the client sent them. Nothing in it is trusted: every page
/// and every form post validates it again against the app as it is at that moment.
/// </summary>
public sealed record AuthorizeRequest(string? ClientId, string? RedirectUri, string? Scope, string? ResponseType, string? State)
{
    /// <summary>Reads the dialog's query; unknown parameters (display, extras, auth_type…) are ignored.</summary>
    public static AuthorizeRequest From(IQueryCollection query) => new(
        First(query, "client_id") ?? First(query, "app_id"),
        First(query, "redirect_uri"),
        First(query, "scope"),
        First(query, "response_type"),
        First(query, "state"));

    /// <summary>Reads what <see cref="ToQueryString"/> wrote.</summary>
    public static AuthorizeRequest Parse(string queryString) => From(new QueryCollection(QueryHelpers.ParseQuery(queryString)));

    /// <summary>The request as a query string: the dialog's URL after signing in or out, and a ticket's payload.</summary>
    public QueryString ToQueryString()
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in new[] { ("client_id", ClientId), ("redirect_uri", RedirectUri), ("scope", Scope), ("response_type", ResponseType), ("state", State) })
        {
            if (value is not null)
            {
                query.Add(name, value);
            }
        }

        return query.ToQueryString();
    }

    // A repeated parameter counts once, the first time, wherever it is read.
    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}

/// <summary>The permissions a request may be granted and the kind of token they make.</summary>
public sealed record ScopeGrant(TokenFlavour Flavour, IReadOnlyList<string> Scopes);

/// <summary>A request that passed validation: its app exists, its redirect_uri is registered, its scopes are valid.</summary>
public sealed record ValidRequest(AuthorizeRequest Request, App App, string RedirectUri, ScopeGrant Grant)
{
    public string? State => Request.State;
}
