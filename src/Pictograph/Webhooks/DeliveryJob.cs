using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Jobs;
using Pictograph.Net;

namespace Pictograph.Webhooks;

/// <summary>
/// Sends one delivery: POSTs its stored body, signed with the app's secret, to the app's current callback.
/// A 2xx answer delivers it; anything else is an attempt on record and a retry on <see cref="RetrySchedule"/>
/// until 36 hours after the event. Only addresses the outbound policy allows are reached.
/// </summary>
public sealed partial class DeliveryJob : IJobHandler, IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(10);
    private const int MaxErrorLength = 1000;

    private readonly IDbContextFactory<PictographDb> _dbFactory;
    private readonly AppDirectory _apps;
    private readonly TimeProvider _clock;
    private readonly ILogger<DeliveryJob> _logger;
    private readonly HttpClient _http;

    public DeliveryJob(IDbContextFactory<PictographDb> dbFactory, AppDirectory apps, TimeProvider clock, IOptions<PictographOptions> options, ILogger<DeliveryJob> logger)
    {
        _dbFactory = dbFactory;
        _apps = apps;
        _clock = clock;
        _logger = logger;
        _http = SafeHttp.CreateClient(new AddressPolicy(options.Value.OutboundAllowList), ConnectTimeout, TotalTimeout);
        _http.MaxResponseContentBufferSize = 64 * 1024;
    }

    public string Kind => WebhookDeliveries.JobKind;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<WebhookDeliveries.Job>(run.Payload) ?? throw new JsonException("Empty delivery payload.");
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == job.Delivery, cancellationToken).ConfigureAwait(false);
        if (delivery is not { State: DeliveryState.Pending })
        {
            return JobOutcome.Done; // already delivered or given up (a run repeated after a crash)
        }

        var subscription = await WebhookSubscriptions.FindAsync(db, delivery.AppId, cancellationToken).ConfigureAwait(false);
        var app = await _apps.FindAsync(delivery.AppId, cancellationToken).ConfigureAwait(false);
        var started = _clock.GetUtcNow();
        var attempt = subscription is { Active: true } && app is not null && SafeHttp.IsFetchable(subscription.CallbackUrl, out var callback)
            ? await PostAsync(callback, delivery.Payload, _apps.SecretOf(app), cancellationToken).ConfigureAwait(false)
            : new Sent(null, 0, "The app has no webhook subscription any more");
        attempt = attempt with { Error = attempt.Error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : attempt.Error };

        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            At = started.ToUnixTimeMilliseconds(),
            StatusCode = attempt.Status,
            LatencyMs = attempt.LatencyMs,
            Error = attempt.Error,
        });
        delivery.Attempts++;
        var outcome = Outcome(delivery, attempt, subscription is { Active: true });
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        LogAttempt(delivery.Id, delivery.AppId, delivery.Field, attempt.Status, delivery.State);
        return outcome;
    }

    private JobOutcome Outcome(WebhookDelivery delivery, Sent attempt, bool subscribed)
    {
        var now = _clock.GetUtcNow();
        if (attempt.Status is >= 200 and < 300)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = now.ToUnixTimeMilliseconds();
            return JobOutcome.Done;
        }

        var next = subscribed ? RetrySchedule.Next(DateTimeOffset.FromUnixTimeMilliseconds(delivery.CreatedAt), delivery.Attempts, now) : null;
        var reason = attempt.Error ?? $"HTTP {attempt.Status}";
        if (next is null)
        {
            delivery.State = DeliveryState.Failed;
            return JobOutcome.Fail(reason);
        }

        return JobOutcome.RetryAt(next.Value, reason);
    }

    private async Task<Sent> PostAsync(Uri callback, string payload, string secret, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Signatures.Sha256(secret, body));
        request.Headers.TryAddWithoutValidation("X-Hub-Signature", "sha1=" + Signatures.Sha1(secret, body));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new Sent(status, Elapsed(watch), status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return new Sent(null, Elapsed(watch), e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Sent(null, Elapsed(watch), $"No answer within {TotalTimeout.TotalSeconds:0} s");
        }
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    public void Dispose() => _http.Dispose();

    private sealed record Sent(int? Status, int LatencyMs, string? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Id} of app {AppId} ({Field}): HTTP {Status}, now {State}")]
    private partial void LogAttempt(long id, long appId, string field, int? status, DeliveryState state);
}

/// <summary>The <c>X-Hub-Signature-256</c> and legacy <c>X-Hub-Signature</c> values: hex HMACs of the raw body keyed with the app secret.</summary>
public static class Signatures
{
    public static string Sha256(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

#pragma warning disable CA5350 // SHA-1 is what the legacy header is defined with; receivers that still check it need it.
    public static string Sha1(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
#pragma warning restore CA5350
}
