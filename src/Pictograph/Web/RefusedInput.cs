using System.Text;

namespace Pictograph.Web;

/// <summary>
/// Client input the server refuses (a body it cannot read, a URL or headers over the limits) is the client's
/// fault, not the server's: one information line each, without a stack trace.
/// </summary>
public static partial class RefusedInput
{
    /// <summary>The category of these lines, one for all of them.</summary>
    public const string Category = "Pictograph.Web.RefusedInput";

    public const string UnsupportedCharsetMessage = "The request body names a charset this server cannot decode (UTF-7 is not supported); send UTF-8";

    public static void Log(HttpContext http, string reason) =>
        Refused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category), http.Request.Method, http.Request.Path, reason);

    /// <summary>
    /// What .NET throws when a body's Content-Type, or a multipart section's, names a charset it cannot decode:
    /// UTF-7 throws (support for it is disabled) where ASP.NET Core expects unknown names to fall back to UTF-8.
    /// </summary>
    public static bool IsUnsupportedCharset(Exception e) =>
        (e as NotSupportedException ?? e.InnerException as NotSupportedException)?.TargetSite?.DeclaringType == typeof(Encoding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void Refused(ILogger logger, string method, string path, string reason);
}
