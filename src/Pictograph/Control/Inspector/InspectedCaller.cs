using System.Globalization;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.GraphApi;

namespace Pictograph.Control.Inspector;

/// <summary>Whom a Graph call was for, noted on the request for the inspector (the token only masked).</summary>
public sealed record InspectedCaller(string AppId, string? UserId, string Token);

/// <summary>Notes the caller of each Graph call as soon as its token is read.</summary>
internal sealed class InspectorCallerStage : IGraphCallObserver
{
    public ValueTask OnCallerAsync(HttpContext http, string tokenText, TokenInfo token)
    {
        var user = token.Kind == TokenKind.App ? null : token.SubjectId.ToString(CultureInfo.InvariantCulture);
        http.Features.Set(new InspectedCaller(token.AppId.ToString(CultureInfo.InvariantCulture), user, SecretMask.Token(tokenText)));
        return ValueTask.CompletedTask;
    }
}
