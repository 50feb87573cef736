using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;
using Pictograph.GraphApi.Versions;
using Pictograph.Hosting;

namespace Pictograph.Web;

/// <summary>
/// Kestrel answers a request line or headers over its limits with a bare 414 or 431 before any middleware runs.
/// Its own limits are set to <see cref="KestrelHeadroom"/> times the configured ones, which are enforced here
/// instead, so those answers come in the Graph error envelope; only a request beyond Kestrel's limits gets the
/// bare status, as Kestrel has refused it before any application code could see it.
/// </summary>
public static class RequestLimits
{
    public const int KestrelHeadroom = 4;

    /// <summary>Kestrel's hard limits, from the configured ones.</summary>
    public static void ApplyTo(KestrelServerLimits kestrel, PictographOptions options)
    {
        kestrel.MaxRequestLineSize = options.MaxUrlBytes * KestrelHeadroom;
        kestrel.MaxRequestHeadersTotalSize = options.MaxHeaderBytes * KestrelHeadroom;
        kestrel.MaxRequestHeaderCount = options.MaxHeaderCount * KestrelHeadroom;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<PictographOptions>>().Value;
        return app.Use((http, next) => Exceeded(http, options) is { } error ? RefuseAsync(http, error) : next(http));
    }

    private static GraphError? Exceeded(HttpContext http, PictographOptions options)
    {
        var urlBytes = Encoding.UTF8.GetByteCount(http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        if (urlBytes > options.MaxUrlBytes)
        {
            return Refusal(StatusCodes.Status414UriTooLong,
                $"The request URL is {urlBytes} bytes long; this server answers URLs of at most {options.MaxUrlBytes} bytes (send long parameters in a POST body)");
        }

        var (count, bytes) = Measure(http.Request.Headers);
        if (count > options.MaxHeaderCount)
        {
            return Refusal(StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request has {count} headers; this server answers at most {options.MaxHeaderCount}");
        }

        return bytes > options.MaxHeaderBytes
            ? Refusal(StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request headers are {bytes} bytes; this server answers at most {options.MaxHeaderBytes} bytes of headers")
            : null;
    }

    /// <summary>Header lines and their bytes as sent ("name: value" and the line end), as Kestrel counts them.</summary>
    private static (int Count, long Bytes) Measure(IHeaderDictionary headers)
    {
        var (count, bytes) = (0, 0L);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + 4 + Encoding.UTF8.GetByteCount(value ?? "");
            }
        }

        return (count, bytes);
    }

    private static GraphError Refusal(int status, string message) =>
        GraphErrors.InvalidParameter(message).Error with { HttpStatus = status };

    private static Task RefuseAsync(HttpContext http, GraphError error)
    {
        RefusedInput.Log(http, error.Message);
        var version = http.RequestServices.GetRequiredService<ApiVersions>().Serve(null);
        return GraphResponses.WriteErrorAsync(http, error, version, GraphResponses.NewTraceId());
    }
}
