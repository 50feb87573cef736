using Microsoft.Net.Http.Headers;

namespace Pictograph.Web;

/// <summary>
/// Client input the server refuses (a body it cannot read, a URL or headers over the limits) is the client's
/// fault, not the server's: one information line each, without a stack trace.
/// </summary>
public static partial class RefusedInput
{
    /// <summary>The category of these lines, one for all of them.</summary>
    public const string Category = "Pictograph.Web.RefusedInput";

    public static void Log(HttpContext http, string reason) =>
        Refused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category), http.Request.Method, http.Request.Path, reason);

    /// <summary>
    /// The charset the request's Content-Type names when .NET cannot decode it, else null: naming UTF-7 throws
    /// (support for it is disabled) where ASP.NET Core expects unknown names to mean "none" and fall back to UTF-8.
    /// </summary>
    public static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0)
        {
            return null;
        }

        try
        {
            _ = type.Encoding;
            return null;
        }
        catch (NotSupportedException)
        {
            return type.Charset.ToString();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void Refused(ILogger logger, string method, string path, string reason);
}
