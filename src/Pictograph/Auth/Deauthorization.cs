using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Jobs;
using Pictograph.Net;

namespace Pictograph.Auth;

/// <summary>
/// A person removes an app: every token of theirs for it is revoked (code 190/458 from then on) and the
/// app's deauthorize callback gets a <c>signed_request</c> naming them. The callback is a durable job, so a
/// slow or dead receiver never holds up the API call, a restart does not lose it, and a failed POST is tried
/// again a few times; it goes only to addresses the outbound policy allows (no private networks unless listed
/// in <c>OutboundAllowList</c>).
/// </summary>
public sealed partial class Deauthorization : IJobHandler, IDisposable
{
    public const string JobKind = "deauthorize.callback";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private const int MaxTries = 5;

    private readonly TokenService _tokens;
    private readonly AppDirectory _apps;
    private readonly IDbContextFactory<PictographDb> _dbFactory;
    private readonly JobQueue _queue;
    private readonly TimeProvider _clock;
    private readonly ILogger<Deauthorization> _logger;
    private readonly HttpClient _http;

    public Deauthorization(TokenService tokens, AppDirectory apps, IDbContextFactory<PictographDb> dbFactory, JobQueue queue, TimeProvider clock, IOptions<PictographOptions> options, ILogger<Deauthorization> logger)
    {
        _tokens = tokens;
        _apps = apps;
        _dbFactory = dbFactory;
        _queue = queue;
        _clock = clock;
        _logger = logger;
        _http = SafeHttp.CreateClient(new AddressPolicy(options.Value.OutboundAllowList), ConnectTimeout, TotalTimeout);
    }

    public string Kind => JobKind;

    /// <summary>Revokes the person's tokens for the app now; queues the app's callback, if it has one.</summary>
    public async Task DeauthorizeAsync(long personId, long appId, CancellationToken cancellationToken = default)
    {
        await _tokens.RevokeForPersonAsync(personId, appId, TokenRevocation.Deauthorized, cancellationToken).ConfigureAwait(false);
        var app = await _apps.FindAsync(appId, cancellationToken).ConfigureAwait(false);
        if (app is not { DeauthorizeCallbackUrl: { Length: > 0 } url })
        {
            return;
        }

        var signedRequest = SignedRequest.Create(_apps.SecretOf(app), new Dictionary<string, object>
        {
            ["user_id"] = personId.ToString(CultureInfo.InvariantCulture),
            ["issued_at"] = _clock.GetUtcNow().ToUnixTimeSeconds(),
        });
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        _queue.Enqueue(db, JobKind, new Callback(app.Id, personId, url, signedRequest));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _queue.Wake();
    }

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var callback = JsonSerializer.Deserialize<Callback>(run.Payload) ?? throw new JsonException("Empty deauthorize callback payload.");
        if (!SafeHttp.IsFetchable(callback.Url, out var uri))
        {
            LogNotFetchable(callback.AppId);
            return JobOutcome.Fail("Not an absolute http(s) URL");
        }

        string reason;
        using var content = new FormUrlEncodedContent([new("signed_request", callback.SignedRequest)]);
        try
        {
            using var response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            LogSent(callback.AppId, callback.PersonId, uri.Host, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return JobOutcome.Done;
            }

            reason = $"HTTP {(int)response.StatusCode}";
        }
        catch (BlockedAddressException e)
        {
            LogFailed(callback.AppId, callback.PersonId, uri.Host, e.Message);
            return JobOutcome.Fail(e.Message); // the policy will not change its mind
        }
        catch (HttpRequestException e)
        {
            LogFailed(callback.AppId, callback.PersonId, uri.Host, e.Message);
            reason = e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"no answer within {TotalTimeout.TotalSeconds:0} s";
            LogFailed(callback.AppId, callback.PersonId, uri.Host, reason);
        }

        // 30 s, 1 min, 2 min, 4 min, then given up.
        return run.Attempts < MaxTries
            ? JobOutcome.RetryAt(_clock.GetUtcNow() + FirstRetry * Math.Pow(2, run.Attempts - 1), reason)
            : JobOutcome.Fail(reason);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The job's payload: the URL as it was when the person left, and the request signed then.</summary>
    private sealed record Callback(long AppId, long PersonId, string Url, string SignedRequest);

    // Only ids and the host are logged: never the URL's query, the signed request or the app secret.
    [LoggerMessage(Level = LogLevel.Information, Message = "Deauthorize callback of app {AppId} for {PersonId} to {Host} answered HTTP {Status}")]
    private partial void LogSent(long appId, long personId, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deauthorize callback of app {AppId} for {PersonId} to {Host} failed: {Reason}")]
    private partial void LogFailed(long appId, long personId, string host, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deauthorize callback of app {AppId} is not an absolute http(s) URL; not sent")]
    private partial void LogNotFetchable(long appId);
}
