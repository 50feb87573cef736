using System.Globalization;
using Pictograph.Data;
using Pictograph.Graph.Errors;

namespace Pictograph.Auth;

/// <summary>The code-190 family, with the texts and subcodes graph.facebook.com uses, and the no-token answers.</summary>
public static class AuthErrors
{
    /// <summary>No token at all: graph.facebook.com answers 2500 on <c>/me</c> paths and 104 on every other node.</summary>
    public static GraphException Missing(bool forMe) => new(forMe
        ? new GraphError(2500, "An active access token must be used to query information about the current user.")
        : new GraphError(104, "An access token is required to request this resource."));

    public static GraphException CannotParse() => Error("Invalid OAuth access token - Cannot parse access token", null);

    public static GraphException Expired(DateTimeOffset expiredAt, DateTimeOffset now) => Error(
        $"Error validating access token: Session has expired on {Format(expiredAt)}. The current time is {Format(now)}.",
        463);

    public static GraphException Revoked(TokenRevocation reason, long appId) => reason switch
    {
        TokenRevocation.Deauthorized => Error($"Error validating access token: The user has not authorized application {appId}.", 458),
        TokenRevocation.PasswordChanged => Error("Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", 460),
        TokenRevocation.CodeReused => Error("Error validating access token: The session has been invalidated because the authorization code that created it was used twice.", 467),
        _ => Error("Error validating access token: The session is invalid because the user logged out.", 467),
    };

    private static GraphException Error(string message, int? subcode) =>
        new(new GraphError(190, message) { Subcode = subcode, AuthenticateKind = "invalid_token" });

    private static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("dddd, dd-MMM-yy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
