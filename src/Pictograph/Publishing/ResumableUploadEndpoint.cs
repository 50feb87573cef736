using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;
using Pictograph.Nodes.Facebook;
using Pictograph.Impersonation;

namespace Pictograph.Publishing;

/// <summary>
/// <c>POST /ig-api-upload/{version?}/{container-id}</c>, what rupload.facebook.com does for a resumable
/// container: <c>Authorization: OAuth &lt;token&gt;</c> (or Bearer) of the container's app and account,
/// then either the raw bytes from header <c>offset</c> of a file of <c>file_size</c> bytes, or a
/// <c>file_url</c> header. The body is never parsed as a form. Failures answer rupload's
/// <c>{"debug_info":{…}}</c>, not the Graph envelope.
/// </summary>
public static class ResumableUploadEndpoint
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapResumableUploads(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ig-api-upload/{container}", (HttpContext http, string container) => HandleAsync(http, container)).ShortCircuit().ExcludeFromDescription().ServedOn(MetaHost.Upload);
        app.MapPost("/ig-api-upload/{version}/{container}", (HttpContext http, string container) => HandleAsync(http, container)).ShortCircuit().ExcludeFromDescription().ServedOn(MetaHost.Upload);
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string containerText)
    {
        try
        {
            await UploadAsync(http, containerText);
            await WriteAsync(http, StatusCodes.Status200OK, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("success", true);
                w.WriteString("message", "Upload successful.");
                w.WriteEndObject();
            });
        }
        catch (ResumableUploadException e)
        {
            await FailAsync(http, e.HttpStatus, e.Message, e.Retriable);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; what it sent is recorded and nobody is left to answer.
        }
    }

    /// <summary>
    /// Not cancelled by the client leaving, up to the body: a client whose connection drops mid-body has
    /// often sent its last bytes before the server reads its headers, and those bytes still count.
    /// </summary>
    private static async Task UploadAsync(HttpContext http, string containerText)
    {
        var token = await AuthenticateAsync(http);
        var container = await ContainerAsync(http, containerText, token);
        var uploads = http.RequestServices.GetRequiredService<ResumableUploads>();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel's default cap is far below a video's; the declared file_size bounds each body instead.
            limit.MaxRequestBodySize = uploads.MaxBytes(container);
        }

        var headers = http.Request.Headers;
        if (headers["file_url"].ToString() is { Length: > 0 } fileUrl)
        {
            await uploads.FetchAsync(container.Id, fileUrl.Trim(), http.RequestAborted);
            return;
        }

        var offset = Header(headers, "offset");
        var fileSize = Header(headers, "file_size");
        await uploads.ReceiveAsync(container.Id, offset, fileSize, http.Request.Body);
    }

    /// <summary>The token of the <c>Authorization</c> header, valid and unexpired; anything else is "unauthorized user request".</summary>
    private static async Task<TokenInfo> AuthenticateAsync(HttpContext http)
    {
        if (GraphParameters.HeaderToken(http.Request) is not { Length: > 0 } text)
        {
            throw Unauthorized();
        }

        try
        {
            return await http.RequestServices.GetRequiredService<TokenService>().ValidateAsync(text);
        }
        catch (GraphException)
        {
            throw Unauthorized();
        }
    }

    /// <summary>A resumable container of the token's app that the token may publish to, still waiting for its bytes.</summary>
    private static async Task<MediaContainer> ContainerAsync(HttpContext http, string text, TokenInfo token)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ResumableUploadException(StatusCodes.Status400BadRequest, $"{text} is not a container id");
        }

        var db = http.RequestServices.GetRequiredService<PictographDb>();
        var container = token.Flavour == TokenFlavour.Facebook
            ? await db.Containers.AsNoTracking()
                .Where(c => c.Id == id && c.AppId == token.AppId && ManagedAssets.Accounts(db, token).Any(a => a.Id == c.OwnerId))
                .FirstOrDefaultAsync()
            : null;
        if (container is null)
        {
            throw Unauthorized();
        }

        if (!token.Scopes.Contains(Permissions.InstagramContentPublish))
        {
            throw new ResumableUploadException(StatusCodes.Status403Forbidden, $"The token lacks the {Permissions.InstagramContentPublish} permission");
        }

        if (!container.IsResumable)
        {
            throw new ResumableUploadException(StatusCodes.Status400BadRequest, "The container was not created with upload_type=resumable");
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        return ContainerView.StatusOf(container, now) == ContainerStatus.Expired
            ? throw new ResumableUploadException(StatusCodes.Status400BadRequest, "The container has expired; create a new one")
            : container;
    }

    private static long Header(IHeaderDictionary headers, string name)
    {
        var text = headers[name].ToString().Trim();
        if (text.Length == 0)
        {
            throw new ResumableUploadException(StatusCodes.Status400BadRequest, $"The {name} header is required (or a file_url header instead of a body)");
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ResumableUploadException(StatusCodes.Status400BadRequest, $"The {name} header must be a whole number of bytes");
    }

    // The wording of Meta's own sample failure.
    private static ResumableUploadException Unauthorized() => new(StatusCodes.Status401Unauthorized, "unauthorized user request");

    /// <summary>rupload's failure: the inner message is itself JSON, carried as a string.</summary>
    private static Task FailAsync(HttpContext http, int status, string message, bool retriable)
    {
        var inner = InnerJson(message);
        return WriteAsync(http, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("debug_info");
            w.WriteBoolean("retriable", retriable);
            w.WriteString("type", "ProcessingFailedError");
            w.WriteString("message", inner);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions);
        write(writer);
        await writer.FlushAsync(CancellationToken.None);
    }

    /// <summary><c>{"success":false,"error":{"message":…}}</c> as text.</summary>
    private static string InnerJson(string message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", false);
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
