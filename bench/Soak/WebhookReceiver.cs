using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pictograph.Bench.Soak;

/// <summary>
/// The demo app's webhook callback: answers the verification handshake, checks each POST's X-Hub-Signature-256
/// against the app secret and counts the comment ids it was told about.
/// </summary>
internal sealed class WebhookReceiver(string appSecret, Stats stats) : IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>Times each comment id arrived (more than once is a retry or a duplicate).</summary>
    public ConcurrentDictionary<string, int> Received { get; } = new(StringComparer.Ordinal);

    public long Posts => Interlocked.Read(ref posts);

    private long posts;

    public async Task<Uri> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/hook", (HttpContext context) =>
            context.Request.Query["hub.mode"] == "subscribe" && context.Request.Query["hub.verify_token"] == "soak"
                ? Results.Text(context.Request.Query["hub.challenge"].ToString())
                : Results.StatusCode(403));
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            Interlocked.Increment(ref posts);
            var body = buffer.ToArray();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
            if (context.Request.Headers["X-Hub-Signature-256"] != expected)
            {
                stats.RecordError("webhook", $"bad signature {context.Request.Headers["X-Hub-Signature-256"]}");
                return Results.StatusCode(400);
            }

            using var json = JsonDocument.Parse(body);
            foreach (var entry in json.RootElement.GetProperty("entry").EnumerateArray())
            {
                foreach (var change in entry.GetProperty("changes").EnumerateArray())
                {
                    if (change.GetProperty("field").GetString() != "comments")
                    {
                        stats.RecordError("webhook", $"unexpected field {change.GetProperty("field").GetString()}");
                        continue;
                    }

                    Received.AddOrUpdate(change.GetProperty("value").GetProperty("id").GetString()!, 1, (_, n) => n + 1);
                }
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return new Uri(app.Urls.First() + "/hook");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
