using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Pictograph.Data.Changes;
using Pictograph.Graph.Execution;
using Pictograph.Hosting;

namespace Pictograph.GraphApi;

/// <summary>
/// Rendered answers to repeated Graph reads. An answer is kept with the database stamp taken before it was
/// read (<see cref="IChangeStamp"/>) and served again to the identical request (method, origin, path and
/// query, token) only while the stamp is unchanged: any commit, by any connection or process, retires every
/// kept answer at once. The token, appsecret_proof and usage checks still run on every call, before this.
/// An answer that depends on the clock is kept only until the time its loaders and fields reported
/// (<see cref="GraphContext.AnswerExpires"/>); a minute bounds the rest. Memory is bounded by
/// <see cref="PictographOptions.AnswerCacheMegabytes"/>, least recently used answers going first.
/// </summary>
public sealed class AnswerCache : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly MemoryCache? _answers;
    private readonly TimeProvider _clock;

    public AnswerCache(TimeProvider clock, IOptions<PictographOptions> options)
    {
        _clock = clock;
        var megabytes = options.Value.AnswerCacheMegabytes;
        _answers = megabytes > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024L }) : null;
    }

    /// <summary>
    /// The slot of a plain read (GET, no body), or null when this request's answer is not kept: also when the
    /// client asks for a fresh answer with <c>Cache-Control: no-cache</c> (or <c>no-store</c>). <paramref name="read"/> is
    /// the stamp the caller read before its token check: one read for both kept copies.
    /// </summary>
    public Slot? SlotFor(HttpRequest request, string origin, string token, ChangeStamp? read)
    {
        if (_answers is null || !HttpMethods.IsGet(request.Method) || request.ContentLength > 0 || request.ContentType is not null
            || (request.Headers.CacheControl.Count > 0 && AsksForFresh(request.Headers.CacheControl))
            || read is not { } stamp)
        {
            return null;
        }

        return new Slot(this, string.Concat(origin, request.Path.Value, request.QueryString.Value, " ", token), stamp);
    }

    public void Dispose() => _answers?.Dispose();

    private static bool AsksForFresh(StringValues cacheControl) =>
        CacheControlHeaderValue.TryParse(cacheControl.ToString(), out var parsed) && (parsed.NoCache || parsed.NoStore);

    private byte[]? Find(string key, ChangeStamp stamp) =>
        _answers!.TryGetValue(key, out Entry? entry) && entry!.Stamp == stamp && _clock.GetUtcNow() < entry.Expires ? entry.Body : null;

    private void Keep(string key, ChangeStamp stamp, byte[] body, DateTimeOffset? expires)
    {
        var now = _clock.GetUtcNow();
        var until = now + MaxAge;
        if (expires is { } reported && reported < until)
        {
            until = reported;
        }

        if (until > now)
        {
            _answers!.Set(key, new Entry(body, stamp, until), new MemoryCacheEntryOptions { Size = body.Length + (key.Length * 2) + 128 });
        }
    }

    private sealed record Entry(byte[] Body, ChangeStamp Stamp, DateTimeOffset Expires);

    /// <summary>One request's place in the cache: its kept answer, or where its answer goes.</summary>
    public sealed class Slot(AnswerCache cache, string key, ChangeStamp stamp)
    {
        /// <summary>The kept answer's JSON, when there is one for this request at this stamp.</summary>
        public byte[]? Kept => cache.Find(key, stamp);

        /// <summary>Renders a freshly read answer, keeps it unless it already expired, and returns it as written.</summary>
        public GraphResult Keep(GraphResult result, GraphContext context)
        {
            var body = GraphResponses.Render(result.WriteTo);
            // Fields report the clock as they are written, so the expiry is known only now.
            cache.Keep(key, stamp, body, context.AnswerExpires);
            return GraphResult.Rendered(body);
        }
    }
}
