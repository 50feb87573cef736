using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Routing;
using Pictograph.Graph.Schema;

namespace Pictograph.Graph.Tests.Fixtures;

internal sealed record Person(long Id, string Name, string? Email = null, DateTimeOffset? Joined = null, long? BestFriendId = null);

internal sealed record Post(long Id, long AuthorId, string Title, DateTimeOffset Created, long? FeaturedTagId = null, long? LikeCount = null, bool? Pinned = null);

internal sealed record Tag(long Id, string Name);

internal sealed record Diary(long Id, string Text);

/// <summary>
/// A small schema over in-memory lists: people with posts, friends, drafts and a diary; posts with an
/// author, a featured tag and tags. Every loader records its calls so tests can prove batching.
/// </summary>
internal sealed class TestGraph
{
    public const string BaseUrl = "http://127.0.0.1:5080/v21.0";
    public const string Token = "tok";

    public static readonly CursorCodec Codec = new(Encoding.UTF8.GetBytes("pictograph-test-cursor-key-32byt"));

    private readonly ConcurrentQueue<(string Loader, int Size)> _calls = new();

    public TestGraph()
    {
        PersonType = new NodeType<Person>("Person", p => p.Id).Defaults("name");
        PostType = new NodeType<Post>("Post", p => p.Id);
        TagType = new NodeType<Tag>("Tag", t => t.Id);
        DiaryType = new NodeType<Diary>("Diary", d => d.Id).Requires("diary_read").Defaults("text");

        PersonType
            .LoadedBy(LoadPeople)
            .String("name", p => p.Name)
            .String("email", p => p.Email, requires: ["email"])
            .String("secret", _ => "s3cret", requires: ["secret_a", "secret_b"])
            .Timestamp("joined", p => p.Joined)
            .String("profile_url", (p, c) => $"{c.Links.BaseUrl}/{p.Id}/profile")
            .Reference("best_friend", PersonType, p => p.BestFriendId)
            .Reference("diary", DiaryType, p => p.Id)
            .Batched<long>("post_count", LoadPostCounts, (w, v) => w.WriteNumberValue(v))
            .Connection("posts", PostType, LoadPosts, PostKey, new ConnectionOptions(DefaultLimit: 4, MaxLimit: 10, TimeFilter: true))
            .Connection("recent_posts", PostType, LoadRecentPosts, PostKey, new ConnectionOptions(DefaultLimit: 3, MaxItems: 7))
            .Connection("friends", PersonType, LoadFriends, p => (p.Id, 0))
            .Connection("drafts", PostType, LoadDrafts, PostKey, requires: ["drafts"]);

        PostType
            .LoadedBy(LoadPostsById)
            .String("title", p => p.Title)
            .Timestamp("created", p => p.Created)
            .Integer("like_count", p => p.LikeCount)
            .Boolean("is_pinned", p => p.Pinned)
            .IdString("author_id", p => p.AuthorId)
            .Reference("author", PersonType, p => p.AuthorId)
            .Reference("featured_tag", TagType, p => p.FeaturedTagId)
            .Connection("tags", TagType, LoadTags, t => (t.Id, 0));

        TagType
            .LoadedBy(LoadTagsById)
            .String("name", t => t.Name);

        DiaryType
            .LoadedBy(LoadDiaries)
            .String("text", d => d.Text);
    }

    /// <summary>
    /// Ada (1) has friends Grace (2), Linus (3) and Barbara (4), who wrote three posts each (ids 200..202,
    /// 300..302, 400..402), each with two tags and a featured tag; Edsger (5) has a best friend who does not exist.
    /// </summary>
    public static TestGraph Sample()
    {
        var graph = new TestGraph();
        graph.People.AddRange(
        [
            new Person(1, "Ada", "ada@example.test", new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2)), BestFriendId: 2),
            new Person(2, "Grace", Joined: new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            new Person(3, "Linus", BestFriendId: 4),
            new Person(4, "Barbara"),
            new Person(5, "Edsger", BestFriendId: 99),
        ]);
        graph.Friendships.AddRange([(1, 2), (1, 3), (1, 4), (2, 1)]);
        graph.Tags.AddRange([new Tag(1, "red"), new Tag(2, "green"), new Tag(3, "blue")]);
        graph.Diaries.Add(new Diary(1, "dear diary"));
        foreach (var author in new long[] { 2, 3, 4 })
        {
            for (var i = 0; i < 3; i++)
            {
                var id = (author * 100) + i;
                graph.Posts.Add(new Post(id, author, $"post {id}", DateTimeOffset.FromUnixTimeSeconds(1_714_521_600 + (author * 1000) + i), FeaturedTagId: 1 + (i % 3), LikeCount: i * 10, Pinned: i == 0));
                graph.PostTags.Add((id, 1 + (i % 3)));
                graph.PostTags.Add((id, 1 + ((i + 1) % 3)));
            }
        }

        return graph;
    }

    public NodeType<Person> PersonType { get; }

    public NodeType<Post> PostType { get; }

    public NodeType<Tag> TagType { get; }

    public NodeType<Diary> DiaryType { get; }

    public List<Person> People { get; } = [];

    public List<Post> Posts { get; } = [];

    public List<Tag> Tags { get; } = [];

    public List<Diary> Diaries { get; } = [];

    public List<(long Person, long Friend)> Friendships { get; } = [];

    public List<(long Post, long Tag)> PostTags { get; } = [];

    /// <summary>Every page request the <c>posts</c> and <c>recent_posts</c> loaders received.</summary>
    public ConcurrentQueue<PageRequest> PostPages { get; } = new();

    public int Calls(string loader) => _calls.Count(c => c.Loader == loader);

    /// <summary>How many ids or queries each call of a loader received.</summary>
    public IReadOnlyList<int> Sizes(string loader) => [.. _calls.Where(c => c.Loader == loader).Select(c => c.Size)];

    public int TotalCalls => _calls.Count;

    public static (long Primary, long Secondary) PostKey(Post post) => (post.Created.ToUnixTimeSeconds(), post.Id);

    /// <summary>The order the <c>posts</c> edge lists a person's posts in: newest first, then highest id.</summary>
    public IReadOnlyList<Post> PostsOf(long person) =>
        [.. Posts.Where(p => p.AuthorId == person).OrderByDescending(PostKey)];

    public Person Person(long id) => People.Single(p => p.Id == id);

    public static GraphContext Context(IEnumerable<string>? permissions = null, IReadOnlyList<KeyValuePair<string, string>>? root = null, string? token = Token, string baseUrl = BaseUrl) =>
        new()
        {
            Services = EmptyServices.Instance,
            Permissions = new HashSet<string>(permissions ?? [], StringComparer.Ordinal),
            Cursors = Codec,
            Links = new PagingLinks(baseUrl, token, root ?? []),
        };

    public Task<JsonElement> NodeAsync(NodeType type, object entity, string? fields, GraphContext? context = null) =>
        ReadNodeAsync(type, entity, fields is null ? null : FieldsParser.Parse(fields), context ?? Context());

    public static async Task<JsonElement> ReadNodeAsync(NodeType type, object entity, FieldSelection? fields, GraphContext context)
    {
        var result = await new GraphExecutor().ReadNodeAsync(type, entity, fields, context);
        return Json.Write(result);
    }

    /// <summary>Reads <c>/{id}/{edge}</c> as a host would: paging and fields from the query, which are also the root parameters.</summary>
    public async Task<JsonElement> EdgeAsync(EdgeRequest request, IEnumerable<string>? permissions = null, string baseUrl = BaseUrl)
    {
        var person = Person(request.Node);
        var fields = request.Get("fields") is { } text ? FieldsParser.Parse(text) : null;
        var paging = request.Query
            .Where(p => p.Key is "limit" or "after" or "before" or "since" or "until")
            .Select(p => new FieldModifier(p.Key, p.Value))
            .ToList();
        var context = Context(permissions, request.Query, request.Get("access_token") ?? Token, baseUrl);
        var result = await new GraphExecutor().ReadEdgeAsync(PersonType, person, request.Edge, fields, paging, context);
        return Json.Write(result);
    }

    /// <summary>Posts 0..count-1 by <paramref name="author"/>; every three share a second so the secondary key matters.</summary>
    public void AddPosts(long author, int count, long firstId = 1000, long startSeconds = 1_714_521_600)
    {
        for (var i = 0; i < count; i++)
        {
            Posts.Add(new Post(firstId + i, author, $"post {firstId + i}", DateTimeOffset.FromUnixTimeSeconds(startSeconds + (i / 3))));
        }
    }

    private void Record(string loader, int size) => _calls.Enqueue((loader, size));

    private Task<IReadOnlyDictionary<long, Person>> LoadPeople(IReadOnlyCollection<long> ids, GraphContext context)
    {
        Record("people", ids.Count);
        return Task.FromResult<IReadOnlyDictionary<long, Person>>(People.Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id));
    }

    private Task<IReadOnlyDictionary<long, Post>> LoadPostsById(IReadOnlyCollection<long> ids, GraphContext context)
    {
        Record("posts_by_id", ids.Count);
        return Task.FromResult<IReadOnlyDictionary<long, Post>>(Posts.Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id));
    }

    private Task<IReadOnlyDictionary<long, Tag>> LoadTagsById(IReadOnlyCollection<long> ids, GraphContext context)
    {
        Record("tags_by_id", ids.Count);
        return Task.FromResult<IReadOnlyDictionary<long, Tag>>(Tags.Where(t => ids.Contains(t.Id)).ToDictionary(t => t.Id));
    }

    private Task<IReadOnlyDictionary<long, Diary>> LoadDiaries(IReadOnlyCollection<long> ids, GraphContext context)
    {
        Record("diaries", ids.Count);
        return Task.FromResult<IReadOnlyDictionary<long, Diary>>(Diaries.Where(d => ids.Contains(d.Id)).ToDictionary(d => d.Id));
    }

    private Task<IReadOnlyList<long>> LoadPostCounts(IReadOnlyList<Person> people, GraphContext context)
    {
        Record("post_count", people.Count);
        return Task.FromResult<IReadOnlyList<long>>([.. people.Select(p => (long)Posts.Count(post => post.AuthorId == p.Id))]);
    }

    private Task<IReadOnlyList<IReadOnlyList<Post>>> LoadPosts(IReadOnlyList<ConnectionQuery<Person>> queries, GraphContext context) =>
        PostPagesAsync("posts", queries, timeFilter: true);

    private Task<IReadOnlyList<IReadOnlyList<Post>>> LoadRecentPosts(IReadOnlyList<ConnectionQuery<Person>> queries, GraphContext context) =>
        PostPagesAsync("recent_posts", queries, timeFilter: false);

    private Task<IReadOnlyList<IReadOnlyList<Post>>> PostPagesAsync(string loader, IReadOnlyList<ConnectionQuery<Person>> queries, bool timeFilter)
    {
        Record(loader, queries.Count);
        foreach (var query in queries)
        {
            PostPages.Enqueue(query.Page);
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyList<Post>>>(
            [.. queries.Select(q => Keyset.Page(Posts.Where(p => p.AuthorId == q.Parent.Id), PostKey, q.Page, timeFilter ? p => p.Created.ToUnixTimeSeconds() : null))]);
    }

    private Task<IReadOnlyList<IReadOnlyList<Post>>> LoadDrafts(IReadOnlyList<ConnectionQuery<Person>> queries, GraphContext context)
    {
        Record("drafts", queries.Count);
        return Task.FromResult<IReadOnlyList<IReadOnlyList<Post>>>([.. queries.Select(_ => (IReadOnlyList<Post>)[])]);
    }

    private Task<IReadOnlyList<IReadOnlyList<Person>>> LoadFriends(IReadOnlyList<ConnectionQuery<Person>> queries, GraphContext context)
    {
        Record("friends", queries.Count);
        return Task.FromResult<IReadOnlyList<IReadOnlyList<Person>>>(
            [.. queries.Select(q => Keyset.Page(
                Friendships.Where(f => f.Person == q.Parent.Id).Select(f => Person(f.Friend)),
                p => (p.Id, 0),
                q.Page))]);
    }

    private Task<IReadOnlyList<IReadOnlyList<Tag>>> LoadTags(IReadOnlyList<ConnectionQuery<Post>> queries, GraphContext context)
    {
        Record("tags", queries.Count);
        return Task.FromResult<IReadOnlyList<IReadOnlyList<Tag>>>(
            [.. queries.Select(q => Keyset.Page(
                PostTags.Where(pt => pt.Post == q.Parent.Id).Select(pt => Tags.Single(t => t.Id == pt.Tag)),
                t => (t.Id, 0),
                q.Page))]);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>Keyset paging over an in-memory list ordered by descending key, as a database query would do it.</summary>
internal static class Keyset
{
    public static IReadOnlyList<T> Page<T>(IEnumerable<T> items, Func<T, (long Primary, long Secondary)> key, PageRequest page, Func<T, long>? time = null)
    {
        if (time is not null)
        {
            items = items.Where(i => (page.Since is not { } since || time(i) >= since) && (page.Until is not { } until || time(i) <= until));
        }

        if (page.Before is { } before)
        {
            return [.. items.Where(i => key(i).CompareTo((before.Primary, before.Secondary)) > 0).OrderBy(key).Take(page.Take)];
        }

        return [.. items
            .Where(i => page.After is not { } after || key(i).CompareTo((after.Primary, after.Secondary)) < 0)
            .OrderByDescending(key)
            .Take(page.Take)];
    }
}

/// <summary>A request for <c>/{node}/{edge}?query</c>, built by hand or read back from a paging link.</summary>
internal sealed record EdgeRequest(long Node, string Edge, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public string? Get(string name) => Query.LastOrDefault(p => p.Key == name).Value;

    public static EdgeRequest Of(long node, string edge, params (string Name, string Value)[] query) =>
        new(node, edge, [.. query.Select(p => KeyValuePair.Create(p.Name, p.Value))]);

    /// <summary>Reads a paging link the way a client follows it: path through <see cref="GraphPath"/>, query unescaped.</summary>
    public static EdgeRequest FromUrl(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        var path = GraphPath.Parse(uri.AbsolutePath);
        Assert.Equal("v21.0", path.Version);
        Assert.NotNull(path.Node);
        Assert.NotNull(path.Edge);
        return new EdgeRequest(long.Parse(path.Node, System.Globalization.CultureInfo.InvariantCulture), path.Edge, QueryOf(url));
    }

    public static IReadOnlyList<KeyValuePair<string, string>> QueryOf(string url)
    {
        var query = new Uri(url, UriKind.Absolute).Query.TrimStart('?');
        return [.. query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : "")))];
    }
}

internal static class Json
{
    public static JsonElement Write(GraphResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            result.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    public static IReadOnlyList<JsonElement> Data(JsonElement connection) => [.. connection.GetProperty("data").EnumerateArray()];

    public static IReadOnlyList<string> DataIds(JsonElement connection) => [.. Data(connection).Select(item => item.GetProperty("id").GetString()!)];

    public static string? Link(JsonElement connection, string name) =>
        connection.TryGetProperty("paging", out var paging) && paging.TryGetProperty(name, out var link) ? link.GetString() : null;
}
