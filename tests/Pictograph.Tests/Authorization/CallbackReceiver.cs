using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pictograph.Tests.Authorization;

/// <summary>A real HTTP server on 127.0.0.1 that records the <c>signed_request</c> of every form POSTed to it.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();

    private CallbackReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new CallbackReceiver(builder.Build());
        receiver._app.MapPost("/deauthorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            receiver._received.Writer.TryWrite(form["signed_request"].ToString());
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.First() + "/deauthorize";
        return receiver;
    }

    /// <summary>The next signed_request received, or null when none arrives in time.</summary>
    public async Task<string?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
