using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Net;

namespace Pictograph.Auth;

/// <summary>
/// A person removes an app: every token of theirs for it is revoked (code 190/458 from then on) and the
/// app's deauthorize callback gets a <c>signed_request</c> naming them. The callback is posted in the
/// background, so a slow or dead receiver never holds up the API call, and only to addresses the
/// outbound policy allows (no private networks unless listed in <c>OutboundAllowList</c>).
/// </summary>
public sealed partial class Deauthorization : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(15);
    private const int Parallelism = 4;

    private readonly TokenService _tokens;
    private readonly AppDirectory _apps;
    private readonly TimeProvider _clock;
    private readonly ILogger<Deauthorization> _logger;
    private readonly HttpClient _http;

    // Bounded: a flood of deauthorizations must not grow memory without limit; overflow is logged and dropped.
    private readonly Channel<Callback> _queue = Channel.CreateBounded<Callback>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public Deauthorization(TokenService tokens, AppDirectory apps, TimeProvider clock, IOptions<PictographOptions> options, ILogger<Deauthorization> logger)
    {
        _tokens = tokens;
        _apps = apps;
        _clock = clock;
        _logger = logger;
        _http = SafeHttp.CreateClient(new AddressPolicy(options.Value.OutboundAllowList), ConnectTimeout, TotalTimeout);
    }

    /// <summary>Revokes the person's tokens for the app now; queues the app's callback, if it has one.</summary>
    public async Task DeauthorizeAsync(long personId, long appId, CancellationToken cancellationToken = default)
    {
        await _tokens.RevokeForPersonAsync(personId, appId, TokenRevocation.Deauthorized, cancellationToken).ConfigureAwait(false);
        var app = await _apps.FindAsync(appId, cancellationToken).ConfigureAwait(false);
        if (app is not { DeauthorizeCallbackUrl: { Length: > 0 } url })
        {
            return;
        }

        var signedRequest = SignedRequest.Create(app.Secret, new Dictionary<string, object>
        {
            ["user_id"] = personId.ToString(CultureInfo.InvariantCulture),
            ["issued_at"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
        });
        if (!_queue.Writer.TryWrite(new Callback(app.Id, personId, url, signedRequest)))
        {
            LogDropped(app.Id, personId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                _queue.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                SendAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: callbacks still queued are not sent.
        }
    }

    private async ValueTask SendAsync(Callback callback, CancellationToken cancellationToken)
    {
        if (!SafeHttp.IsFetchable(callback.Url, out var uri))
        {
            LogNotFetchable(callback.AppId);
            return;
        }

        using var content = new FormUrlEncodedContent([new("signed_request", callback.SignedRequest)]);
        try
        {
            using var response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            LogSent(callback.AppId, callback.PersonId, uri.Host, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            LogFailed(callback.AppId, callback.PersonId, uri.Host, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(callback.AppId, callback.PersonId, uri.Host, $"no answer within {TotalTimeout.TotalSeconds:0} s");
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private sealed record Callback(long AppId, long PersonId, string Url, string SignedRequest);

    // Only ids and the host are logged: never the URL's query, the signed request or the app secret.
    [LoggerMessage(Level = LogLevel.Information, Message = "Deauthorize callback of app {AppId} for {PersonId} to {Host} answered HTTP {Status}")]
    private partial void LogSent(long appId, long personId, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deauthorize callback of app {AppId} for {PersonId} to {Host} failed: {Reason}")]
    private partial void LogFailed(long appId, long personId, string host, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deauthorize callback of app {AppId} is not an absolute http(s) URL; not sent")]
    private partial void LogNotFetchable(long appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deauthorize callback of app {AppId} for {PersonId} dropped: too many callbacks queued")]
    private partial void LogDropped(long appId, long personId);
}
