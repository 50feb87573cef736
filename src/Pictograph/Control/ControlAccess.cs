using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pictograph.Impersonation;

namespace Pictograph.Control;

/// <summary>
/// Who may call the control API: nobody through a host that answers as Meta's; with a configured key, whoever
/// sends it; without one, only a client on this machine talking to a loopback listener. A client that may not
/// call it is told the route does not exist, so the API's presence is not advertised.
/// </summary>
public sealed class ControlAccess(IOptions<ControlOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Allows(http))
        {
            return ValueTask.FromResult<object?>(ControlProblems.NotFound(http.Request.Path));
        }

        return next(context);
    }

    private bool Allows(HttpContext http)
    {
        var settings = options.Value;
        if (!settings.Enabled || http.MetaHostOf() is not null)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(settings.Key))
        {
            var sent = http.Request.Headers[ControlOptions.KeyHeader].ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(settings.Key));
        }

        // The remote address is the forwarded client's when a trusted proxy sent the call, so a proxy on this
        // machine does not open the API to the world.
        var connection = http.Connection;
        return connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local);
    }
}
