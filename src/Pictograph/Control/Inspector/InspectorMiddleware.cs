using Pictograph.Control.Faults;
using Pictograph.Graph.Errors;
using Pictograph.Impersonation;

namespace Pictograph.Control.Inspector;

/// <summary>
/// Keeps every request (but the control API's and the inspector pages' own, which would crowd out what they
/// show) in the <see cref="RequestLog"/>, with its answer's status, the time it took and the Graph error.
/// </summary>
internal sealed class InspectorMiddleware(RequestDelegate next, RequestLog log, TimeProvider clock)
{
    public static readonly string[] Unkept = [ControlApi.Prefix, Dashboard.InspectorPages.Root];

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (Unkept.Any(prefix => path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)))
        {
            await next(http);
            return;
        }

        var at = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var method = http.Request.Method;
        var shown = SecretMask.PathAndQuery(path, http.Request.QueryString.Value);
        var failed = false;
        try
        {
            await next(http);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Keep(http, at, started, method, shown, failed);
        }
    }

    private void Keep(HttpContext http, DateTimeOffset at, long started, string method, string path, bool failed)
    {
        var latency = clock.GetElapsedTime(started).TotalMilliseconds;
        var host = http.MetaHostOf() is { } meta ? MetaHosts.NameOf(meta) : http.Request.Host.Value ?? "";
        var caller = http.Features.Get<InspectedCaller>();
        var error = http.Features.Get<GraphError>();
        var fault = http.Features.Get<AppliedFault>();
        var dropped = fault?.Dropped == true;
        var status = dropped ? 0 : failed && !http.Response.HasStarted ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
        log.Add(sequence => new InspectedRequest(
            sequence, at, method, host, path, status, latency, caller?.AppId, caller?.UserId, caller?.Token,
            error?.Code, error?.Subcode, fault?.RuleId, dropped));
    }
}
