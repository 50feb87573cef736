using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays the public web server a publishing client points
/// <c>image_url</c>/<c>video_url</c> at: fixed bytes, 404s, slow answers, redirects and endless bodies.
/// Every method registers a path and returns its absolute URL.
/// </summary>
public sealed class MediaHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private MediaHost(WebApplication app) => _app = app;

    /// <summary>The origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Listens on a free port of <paramref name="address"/>; any 127.x.y.z works on Linux, e.g. to play a second host.</summary>
    public static async Task<MediaHost> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var host = new MediaHost(builder.Build());
        host._app.Run(host.HandleAsync);
        await host._app.StartAsync();
        host.BaseUrl = host._app.Urls.First();
        return host;
    }

    /// <summary>Answers 200 with <paramref name="body"/>; the Content-Type header says whatever it is told to.</summary>
    public string Serve(string path, byte[] body, string contentType) => Register(path, async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>Answers with a redirect (302 unless told otherwise) to <paramref name="target"/>, which may be relative.</summary>
    public string Redirect(string path, string target, int status = StatusCodes.Status302Found) => Register(path, context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    });

    /// <summary>Waits <paramref name="delay"/> before sending any header, then answers 200 with <paramref name="body"/>.</summary>
    public string Slow(string path, TimeSpan delay, byte[]? body = null) => Register(path, async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(body ?? [], context.RequestAborted);
    });

    /// <summary>Answers 200 with a Content-Length of <paramref name="length"/> and sends a JPEG's first bytes, then one byte every 100 ms until the client hangs up.</summary>
    public string Trickle(string path, long length) => Register(path, async context =>
    {
        context.Response.ContentType = "image/jpeg";
        context.Response.ContentLength = length;
        try
        {
            await context.Response.Body.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF }, context.RequestAborted);
            for (var sent = 3; sent < length; sent++)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
                await context.Response.Body.WriteAsync(new byte[1], context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
    });

    public string NotFound(string path) => Register(path, context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });

    /// <summary>Answers 200 with a body that starts like a JPEG and never ends (chunked, no Content-Length) until the client hangs up.</summary>
    public string Endless(string path) => Register(path, async context =>
    {
        context.Response.ContentType = "image/jpeg";
        var chunk = new byte[64 * 1024];
        chunk[0] = 0xFF;
        chunk[1] = 0xD8;
        chunk[2] = 0xFF;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                chunk[0] = chunk[1] = chunk[2] = 0;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client gave up, which is the point.
        }
    });

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(Normalize(path));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string Register(string path, RequestDelegate handler)
    {
        path = Normalize(path);
        _routes[path] = handler;
        return BaseUrl + path;
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (_routes.TryGetValue(path, out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;
}
