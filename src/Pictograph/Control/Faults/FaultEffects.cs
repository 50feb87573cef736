using Pictograph.GraphApi;
using Pictograph.GraphApi.Versions;
using Pictograph.Impersonation;

namespace Pictograph.Control.Faults;

/// <summary>How a request meets the rules, and what a rule does to it.</summary>
internal static class FaultEffects
{
    /// <summary>The request as the rules see it; null for the control API itself, which faults never touch.</summary>
    public static FaultRequest? Describe(HttpContext http, FaultCaller? caller)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.Equals(ControlApi.Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(ControlApi.Prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var host = http.MetaHostOf() is { } meta ? MetaHosts.NameOf(meta) : http.Request.Host.Host;
        return new FaultRequest(http.Request.Method, path, host, http.Request.Host.Value, caller);
    }

    /// <summary>Waits the rule's latency (on the server's clock, so a test's clock decides when it ends).</summary>
    public static async Task DelayAsync(HttpContext http, FaultRule rule, bool dropping)
    {
        http.Features.Set(new AppliedFault(rule.Id, dropping));
        if (rule.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
        }
    }

    /// <summary>The Graph error envelope, headed with the version the path asks for (the default when it names none).</summary>
    public static Task WriteErrorAsync(HttpContext http, Graph.Errors.GraphError error)
    {
        var versions = http.RequestServices.GetRequiredService<ApiVersions>();
        var first = (http.Request.Path.Value ?? "").Split('/', 3, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var version = versions.Serve(first is not null && versions.IsVersion(first) ? first : null);
        return GraphResponses.WriteErrorAsync(http, error, version, GraphResponses.NewTraceId());
    }
}
