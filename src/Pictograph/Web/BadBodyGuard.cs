using Microsoft.AspNetCore.Antiforgery;

namespace Pictograph.Web;

/// <summary>
/// A body that cannot be read (a truncated multipart form, say) is the client's fault: answer 400, not
/// a 500, wherever it was first read — antiforgery checks read forms before any page code runs.
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
                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("The request body could not be read.", http.RequestAborted);
            }
        });

    private static bool IsUnreadableBody(Exception e) =>
        e is BadHttpRequestException or InvalidDataException or IOException
        || (e is AntiforgeryValidationException && e.InnerException is IOException or InvalidDataException);
}
