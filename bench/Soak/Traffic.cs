using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Pictograph.Bench.Soak;

/// <summary>
/// The mixed load: reads (profiles, grid pages followed through paging.next, single media, comment threads,
/// insights), writes (comments, replies, deletes, hiding other people's comments; the API has no like
/// endpoint), and publishes (a container from one of the server's own signed photo URLs, polled to FINISHED,
/// then media_publish). Every comment and reply written is an event the webhook receiver must get.
/// </summary>
internal sealed class Traffic(GraphClient graph, Stats stats, string shopToken, string basicToken)
{
    private static readonly string[] Words = ["coffee", "roast", "morning", "beans", "crema", "filter", "pour", "cup", "grind", "aroma"];

    private readonly ConcurrentQueue<string> alive = new();
    private readonly ConcurrentQueue<string> deleted = new();
    private readonly ConcurrentDictionary<string, bool> hidden = new(StringComparer.Ordinal);
    private readonly List<string> media = [];
    private readonly Lock mediaGate = new();
    private string shopId = "";
    private string[] insightMedia = [];
    private string[] photoUrls = [];
    private string[] others = [];
    private volatile string? newest;
    private string? shopNext;
    private string? basicNext;
    private long writes;
    private long publishes;
    private int counter;

    /// <summary>Comment and reply ids written, each an event the app's callback must receive.</summary>
    public ConcurrentDictionary<string, bool> Expected { get; } = new(StringComparer.Ordinal);

    public string ShopId => shopId;

    /// <summary>Rows the run asked the server to add (comments, replies, published posts).</summary>
    public long Writes => Interlocked.Read(ref writes);

    public long Publishes => Interlocked.Read(ref publishes);

    /// <summary>Ids the mix works on: the shop's posts, its image posts (for insights and photo URLs) and other people's comments.</summary>
    public async Task PrepareAsync()
    {
        var me = await graph.SendAsync("setup", HttpMethod.Get, "/me?fields=id", shopToken) ?? throw new InvalidOperationException("GET /me failed");
        shopId = me.GetProperty("id").GetString()!;
        var images = new List<(string Id, string Url)>();
        string? next = "/me/media?fields=id,media_type,media_url&limit=50";
        while (next is not null)
        {
            var page = await graph.SendAsync("setup", HttpMethod.Get, next, shopToken) ?? throw new InvalidOperationException("GET /me/media failed");
            foreach (var item in page.GetProperty("data").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                media.Add(id);
                if (item.GetProperty("media_type").GetString() == "IMAGE")
                {
                    images.Add((id, item.GetProperty("media_url").GetString()!));
                }
            }

            next = page.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var n) ? n.GetString() : null;
        }

        insightMedia = [.. images.Select(i => i.Id)];
        photoUrls = [.. images.Select(i => i.Url).Take(3)];
        foreach (var id in media)
        {
            var comments = await graph.SendAsync("setup", HttpMethod.Get, $"/{id}/comments?fields=id,username&limit=50", shopToken);
            foreach (var comment in comments?.GetProperty("data").EnumerateArray() ?? default)
            {
                if (comment.GetProperty("username").GetString() != "example_shop")
                {
                    hidden[comment.GetProperty("id").GetString()!] = false;
                }
            }
        }

        if (photoUrls.Length == 0 || hidden.IsEmpty)
        {
            throw new InvalidOperationException("the demo world has no image posts or no comments by others on example_shop");
        }

        others = [.. hidden.Keys];
    }

    /// <summary>The mix, by weight out of their sum.</summary>
    public (string Kind, int Weight, Func<Task> Run)[] Mix() =>
    [
        ("profile.ig", 8, () => graph.SendAsync("profile.ig", HttpMethod.Get, "/me?fields=id,username,name,biography,media_count,followers_count,follows_count", shopToken, computed: Computed())),
        ("profile.basic", 5, () => graph.SendAsync("profile.basic", HttpMethod.Get, "/me?fields=id,username,account_type,media_count", basicToken, computed: Computed())),
        ("grid.ig", 12, () => Walk("grid.ig", "/me/media?fields=id,caption,media_type,like_count,comments_count,timestamp&limit=5", shopToken, () => shopNext, v => shopNext = v)),
        ("grid.basic", 8, () => Walk("grid.basic", "/me/media?fields=id,caption,media_url,children%7Bmedia_url%7D&limit=3", basicToken, () => basicNext, v => basicNext = v)),
        ("media.read", 8, () => graph.SendAsync("media.read", HttpMethod.Get, $"/{AnyMedia()}?fields=id,caption,media_type,media_url,permalink,like_count,comments_count,timestamp", shopToken, computed: Computed())),
        ("comments.read", 10, () => graph.SendAsync("comments.read", HttpMethod.Get, $"/{AnyMedia()}/comments?fields=id,text,username,timestamp,like_count,replies%7Bid,text%7D&limit=10", shopToken, computed: Computed())),
        ("insights.user", 4, () => graph.SendAsync("insights.user", HttpMethod.Get, "/me/insights?metric=reach&period=day&metric_type=total_value&breakdown=media_product_type", shopToken, computed: Computed())),
        ("insights.media", 4, () => graph.SendAsync("insights.media", HttpMethod.Get, $"/{insightMedia[Random.Shared.Next(insightMedia.Length)]}/insights?metric=reach,views,likes", shopToken, computed: Computed())),
        ("comment.create", 12, CreateComment),
        ("reply.create", 6, CreateReply),
        ("comment.delete", 8, DeleteComment),
        ("comment.hide", 3, ToggleHidden),
        ("deleted.read", 2, ReadDeleted),
    ];

    /// <summary>One publish end to end; polls are their own kind so the mix's latencies stay apart.</summary>
    public async Task PublishAsync()
    {
        var n = Interlocked.Increment(ref counter);
        var container = await graph.SendAsync("publish.create", HttpMethod.Post, "/me/media", shopToken,
            [new("image_url", photoUrls[n % photoUrls.Length]), new("caption", $"Soak post {n} #soak")]);
        if (container is not { } c)
        {
            return;
        }

        var id = c.GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await Task.Delay(250);
            var status = await graph.SendAsync("publish.poll", HttpMethod.Get, $"/{id}?fields=status_code", shopToken);
            var code = status?.GetProperty("status_code").GetString();
            if (code == "FINISHED")
            {
                break;
            }

            if (code != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                stats.RecordError("publish.poll", $"container {id} is {code ?? "unreadable"}");
                return;
            }
        }

        var published = await graph.SendAsync("publish.publish", HttpMethod.Post, $"/me/media_publish?creation_id={id}", shopToken);
        if (published is { } p)
        {
            lock (mediaGate)
            {
                media.Add(p.GetProperty("id").GetString()!);
            }

            Interlocked.Increment(ref publishes);
            Interlocked.Increment(ref writes);
        }
    }

    // Half the reads ask for a computed answer, half may be answered from the server's kept answers.
    private static bool Computed() => Random.Shared.Next(2) == 0;

    private async Task Walk(string kind, string first, string token, Func<string?> next, Action<string?> setNext)
    {
        var page = await graph.SendAsync(kind, HttpMethod.Get, next() ?? first, token, computed: Computed());
        setNext(page is { } p && p.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var n) ? n.GetString() : null);
    }

    private string AnyMedia()
    {
        lock (mediaGate)
        {
            return media[Random.Shared.Next(media.Count)];
        }
    }

    private string Text()
    {
        var n = Interlocked.Increment(ref counter);
        var text = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Words[Random.Shared.Next(Words.Length)]));
        return string.Create(CultureInfo.InvariantCulture, $"{text} {n}{(n % 4 == 0 ? " #soak" : "")}");
    }

    private async Task CreateComment()
    {
        var answer = await graph.SendAsync("comment.create", HttpMethod.Post, $"/{AnyMedia()}/comments", shopToken, [new("message", Text())]);
        Written(answer);
    }

    private async Task CreateReply()
    {
        // The newest comments are the farthest from being deleted, so a reply never races its parent's delete.
        var parent = newest;
        if (parent is null)
        {
            await CreateComment();
            return;
        }

        var answer = await graph.SendAsync("reply.create", HttpMethod.Post, $"/{parent}/replies", shopToken, [new("message", Text())]);
        if (answer is { } a)
        {
            Expected[a.GetProperty("id").GetString()!] = true;
            Interlocked.Increment(ref writes);
        }
    }

    private async Task DeleteComment()
    {
        if (alive.Count < 200 || !alive.TryDequeue(out var id))
        {
            await CreateComment();
            return;
        }

        if (await graph.SendAsync("comment.delete", HttpMethod.Delete, $"/{id}", shopToken) is not null)
        {
            deleted.Enqueue(id);
            while (deleted.Count > 100 && deleted.TryDequeue(out _))
            {
            }
        }
    }

    private async Task ToggleHidden()
    {
        var id = others[Random.Shared.Next(others.Length)];
        var hide = !hidden[id];
        hidden[id] = hide;
        await graph.SendAsync("comment.hide", HttpMethod.Post, $"/{id}", shopToken, [new("hide", hide ? "true" : "false")]);
    }

    // A deleted comment must answer the missing-object error (400, code 100), an expected non-2xx.
    private async Task ReadDeleted()
    {
        if (!deleted.TryPeek(out var id))
        {
            await graph.SendAsync("profile.ig", HttpMethod.Get, "/me?fields=id,username", shopToken);
            return;
        }

        var answer = await graph.SendAsync("deleted.read", HttpMethod.Get, $"/{id}?fields=id,text", shopToken, expected: 400);
        if (answer is { } a && a.GetProperty("error").GetProperty("code").GetInt32() != 100)
        {
            stats.RecordError("deleted.read", $"comment {id} answered {a}");
        }
    }

    private void Written(JsonElement? answer)
    {
        if (answer is { } a)
        {
            var id = a.GetProperty("id").GetString()!;
            Expected[id] = true;
            alive.Enqueue(id);
            newest = id;
            Interlocked.Increment(ref writes);
        }
    }
}
