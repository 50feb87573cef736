using System.Text.Json;

namespace Pictograph.Auth.OAuth;

/// <summary>
/// api.instagram.com's own error shape for its OAuth endpoints:
/// <c>{"error_type":"OAuthException","code":400,"error_message":"…"}</c>.
/// </summary>
public sealed class InstagramOAuthException(string message) : Exception(message)
{
    public IResult ToResult() => Results.Json(
        new Dictionary<string, object> { ["error_type"] = "OAuthException", ["code"] = 400, ["error_message"] = Message },
        (JsonSerializerOptions?)null,
        "application/json; charset=UTF-8",
        StatusCodes.Status400BadRequest);
}
