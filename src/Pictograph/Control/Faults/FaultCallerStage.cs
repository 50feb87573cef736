using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;

namespace Pictograph.Control.Faults;

/// <summary>Applies the rules that match by app, user or token, once a Graph call's token is read (each batch operation too).</summary>
internal sealed class FaultCallerStage(FaultRules rules) : IGraphCallObserver
{
    public async ValueTask OnCallerAsync(HttpContext http, string tokenText, TokenInfo token)
    {
        if (!rules.AnyNeedsCaller)
        {
            return;
        }

        long[] users = token.Kind == TokenKind.App ? [] : token.OnBehalfOfId is { } user ? [token.SubjectId, user] : [token.SubjectId];
        if (FaultEffects.Describe(http, new FaultCaller(token.AppId, users, tokenText)) is not { } request || rules.Take(request) is not { } rule)
        {
            return;
        }

        await FaultEffects.DelayAsync(http, rule, rule.Drop);
        if (rule.Drop)
        {
            http.Abort();
            // The abort reaches RequestAborted a moment later; waiting for it ends the call as a client that left.
            await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
        }

        if (rule.Error is { } error)
        {
            throw new GraphException(error);
        }
    }
}
