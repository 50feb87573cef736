using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Net;

namespace Pictograph.Webhooks;

/// <summary>Why a subscription was not saved: a bad parameter (Graph code 100) or a failed handshake (2200).</summary>
public sealed record SubscriptionProblem(int Code, string Message);

/// <summary>What an app asks for: where to send, the token the callback checks, and the fields.</summary>
public sealed record SubscriptionRequest(string CallbackUrl, string VerifyToken, IReadOnlyList<string> Fields);

/// <summary>
/// An app's subscriptions to object <c>instagram</c>, shared by the Graph endpoint, the dashboard and the CLI.
/// A subscription is saved only after its callback passes the verification handshake, made through the
/// outbound policy (no private addresses unless allow-listed).
/// </summary>
public sealed class WebhookSubscriptions : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);
    private const int MaxVerifyTokenLength = 256;
    private const int MaxUrlLength = 2048;

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;

    public WebhookSubscriptions(TimeProvider clock, IOptions<PictographOptions> options)
    {
        _clock = clock;
        _http = SafeHttp.CreateClient(new AddressPolicy(options.Value.OutboundAllowList), HandshakeTimeout, HandshakeTimeout);
        // The challenge is short; a callback that answers megabytes is not verifying anything.
        _http.MaxResponseContentBufferSize = 64 * 1024;
    }

    /// <summary>
    /// Verifies the callback and saves the subscription; null when saved. With <paramref name="merge"/> the
    /// fields are added to those already subscribed (the Graph API's POST), else they replace them (the dashboard's form).
    /// </summary>
    public async Task<SubscriptionProblem?> SubscribeAsync(PictographDb db, long appId, SubscriptionRequest request, bool merge, CancellationToken cancellationToken)
    {
        if (request.CallbackUrl.Length > MaxUrlLength || !SafeHttp.IsFetchable(request.CallbackUrl, out var callback))
        {
            return new(100, "(#100) callback_url must be a valid absolute http or https URL");
        }

        if (string.IsNullOrEmpty(request.VerifyToken) || request.VerifyToken.Length > MaxVerifyTokenLength || request.VerifyToken.Any(char.IsControl))
        {
            return new(100, $"(#100) verify_token must be 1 to {MaxVerifyTokenLength} characters without control characters");
        }

        if (request.Fields.Count == 0)
        {
            return new(100, "(#100) The parameter fields is required");
        }

        if (await HandshakeAsync(callback, request.VerifyToken, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return new(2200, $"(#2200) Callback verification failed with the following errors: {failure}");
        }

        var existing = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.AppId == appId && s.Object == WebhookFields.Object, cancellationToken).ConfigureAwait(false);
        var fields = merge && existing is not null ? WebhookFields.Stored(existing.Fields).Union(request.Fields, StringComparer.Ordinal) : request.Fields;
        var stored = string.Join(',', fields);
        if (existing is null)
        {
            existing = new WebhookSubscription { AppId = appId, Object = WebhookFields.Object, CallbackUrl = "", VerifyToken = "", Fields = "" };
            db.WebhookSubscriptions.Add(existing);
        }

        existing.CallbackUrl = request.CallbackUrl;
        existing.VerifyToken = request.VerifyToken;
        existing.Fields = stored;
        existing.Active = true;
        existing.UpdatedAt = _clock.GetUtcNow().ToUnixTimeSeconds();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Removes some fields (the subscription goes when none is left) or, with none named, the whole subscription.</summary>
    public async Task UnsubscribeAsync(PictographDb db, long appId, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var existing = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.AppId == appId && s.Object == WebhookFields.Object, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return;
        }

        var left = fields.Count == 0 ? [] : WebhookFields.Stored(existing.Fields).Except(fields, StringComparer.Ordinal).ToList();
        if (left.Count == 0)
        {
            db.WebhookSubscriptions.Remove(existing);
        }
        else
        {
            existing.Fields = string.Join(',', left);
            existing.UpdatedAt = _clock.GetUtcNow().ToUnixTimeSeconds();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task<WebhookSubscription?> FindAsync(PictographDb db, long appId, CancellationToken cancellationToken) =>
        db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.AppId == appId && s.Object == WebhookFields.Object, cancellationToken);

    /// <summary>
    /// <c>GET callback?hub.mode=subscribe&amp;hub.challenge=…&amp;hub.verify_token=…</c>: the callback must answer 200
    /// with exactly the challenge. Null when it did, else what went wrong, in words.
    /// </summary>
    private async Task<string?> HandshakeAsync(Uri callback, string verifyToken, CancellationToken cancellationToken)
    {
        var challenge = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = $"hub.mode=subscribe&hub.challenge={challenge}&hub.verify_token={Uri.EscapeDataString(verifyToken)}";
        var url = new UriBuilder(callback) { Query = string.IsNullOrEmpty(callback.Query) ? query : callback.Query[1..] + "&" + query }.Uri;
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode != 200)
            {
                return $"HTTP Status Code = {(int)response.StatusCode}; HTTP Message = {response.ReasonPhrase}";
            }

            return body == challenge ? null : $"Response does not match challenge, expected value=\"{challenge}\", received=\"{Excerpt(body)}\"";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Operation timed out after {HandshakeTimeout.TotalMilliseconds:0} milliseconds";
        }
    }

    private static string Excerpt(string text) => text.Length <= 100 ? text : text[..100] + "…";

    public void Dispose() => _http.Dispose();
}
