namespace Pictograph.Control.Faults;

/// <summary>
/// Applies the rules that match by method, path and host, to every route (Graph, OAuth, media files, pages)
/// but the control API. Rules that match by app, user or token wait for the Graph stage (<see cref="FaultCallerStage"/>).
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultRules rules)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (rules.IsEmpty || FaultEffects.Describe(http, caller: null) is not { } request || rules.Take(request) is not { } rule)
        {
            await next(http);
            return;
        }

        try
        {
            await FaultEffects.DelayAsync(http, rule, rule.Drop);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // The client left during the latency.
        }

        if (rule.Drop)
        {
            http.Abort();
        }
        else if (rule.Error is { } error)
        {
            await FaultEffects.WriteErrorAsync(http, error);
        }
        else
        {
            await next(http);
        }
    }
}
