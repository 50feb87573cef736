using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pictograph.Tests.Webhooks;

/// <summary>One POST as it arrived: the raw body bytes and the headers that matter.</summary>
public sealed record ReceivedPost(byte[] Body, string? Signature256, string? Signature1, string? ContentType)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>How the receiver answers the verification GET.</summary>
public enum Handshake
{
    /// <summary>200 with the challenge when the verify token matches, else 403.</summary>
    Correct,

    /// <summary>200 with something else than the challenge.</summary>
    WrongChallenge,

    /// <summary>403 whatever was sent.</summary>
    Forbidden,
}

/// <summary>
/// A real webhook endpoint on 127.0.0.1: answers the handshake like a subscriber would, records every POST
/// (raw bytes and signature headers), and can be told to fail the first POSTs or to answer slowly.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string VerifyToken = "let-me-in";

    private readonly WebApplication _app;
    private readonly Channel<ReceivedPost> _posts = Channel.CreateUnbounded<ReceivedPost>();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public Handshake Handshake { get; set; } = Handshake.Correct;

    /// <summary>How many verification GETs arrived.</summary>
    public int Handshakes { get; private set; }

    /// <summary>How long each POST waits before answering.</summary>
    public TimeSpan PostDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The next this many POSTs are answered 500 (still recorded).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapGet("/hook", receiver.Verify);
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.First() + "/hook";
        return receiver;
    }

    private IResult Verify(HttpRequest request)
    {
        Handshakes++;
        var query = request.Query;
        return Handshake switch
        {
            Handshake.Correct when query["hub.mode"] == "subscribe" && query["hub.verify_token"] == VerifyToken => Results.Text(query["hub.challenge"].ToString()),
            Handshake.WrongChallenge => Results.Text("not-the-challenge"),
            _ => Results.StatusCode(StatusCodes.Status403Forbidden),
        };
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        _posts.Writer.TryWrite(new ReceivedPost(body.ToArray(), request.Headers["X-Hub-Signature-256"], request.Headers["X-Hub-Signature"], request.ContentType));
        if (PostDelay > TimeSpan.Zero)
        {
            await Task.Delay(PostDelay);
        }

        return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Ok();
    }

    /// <summary>The next POST, or null when none arrives in time.</summary>
    public async Task<ReceivedPost?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _posts.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
