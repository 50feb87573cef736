using Microsoft.AspNetCore.Antiforgery;

namespace Pictograph.Web;

/// <summary>
/// A body that cannot be read (a truncated multipart form, say, or one in a charset .NET cannot decode) is the
/// client's fault: answer 4xx, not a 500, wherever it was first read — antiforgery checks read forms before any
/// page code runs.
/// </summary>
public static class BadBodyGuard
{
    public static IApplicationBuilder UseBadBodyGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (IsUnreadableBody(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(http, StatusCodes.Status400BadRequest, "The request body could not be read.");
            }
            catch (Exception e) when (RefusedInput.IsUnsupportedCharset(e) && !http.Response.HasStarted)
            {
                await RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, RefusedInput.UnsupportedCharsetMessage + ".");
            }
        });

    private static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        RefusedInput.Log(http, message);
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static bool IsUnreadableBody(Exception e) =>
        e is BadHttpRequestException or InvalidDataException or IOException
        || (e is AntiforgeryValidationException && e.InnerException is IOException or InvalidDataException);
}
