using System.Text;
using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The <c>fields</c> grammar, then the engine that binds and answers it: nesting, <c>.as()</c>, and the paging
/// modifiers (<c>.limit() .after() .before() .since() .until()</c>) read by the binder, over a small in-memory
/// schema of people and posts. A <see cref="GraphException"/> is the designed answer to bad input; the canonical
/// text of a parsed selection must parse back to itself.
/// </summary>
internal static class FieldsTarget
{
    private record Person(long Id, string Name, long? FriendId);

    private record Post(long Id, long AuthorId, string Title, DateTimeOffset Created);

    private static readonly Person[] People = [new(1, "Ada", 2), new(2, "Grace", 1), new(3, "Linus", 99)];

    private static readonly Post[] Posts =
        [.. Enumerable.Range(0, 12).Select(i => new Post(100 + i, 1 + (i % 3), $"post {i}", DateTimeOffset.FromUnixTimeSeconds(1_714_521_600 + (i / 2 * 60))))];

    private static readonly CursorCodec Codec = new(Encoding.UTF8.GetBytes("pictograph-fuzz-cursor-key-32byt"));

    private static readonly NodeType<Person> PersonType = Schema();

    public static void Run(byte[] input)
    {
        var text = Input.Text(input);
        FieldSelection selection;
        try
        {
            selection = FieldsParser.Parse(text);
        }
        catch (GraphException)
        {
            return;
        }

        var canonical = selection.ToString();
        var again = FieldsParser.Parse(canonical).ToString();
        if (again != canonical)
        {
            throw new InvalidOperationException($"The canonical form does not read back: \"{canonical}\" became \"{again}\".");
        }

        var context = new GraphContext
        {
            Services = NoServices.Instance,
            Permissions = new HashSet<string>(StringComparer.Ordinal),
            Cursors = Codec,
            Links = new PagingLinks("http://127.0.0.1:5080/v21.0", "token", [new("fields", text)]),
        };
        try
        {
            var result = new GraphExecutor().ReadNodeAsync(PersonType, People[0], selection, context).GetAwaiter().GetResult();
            using var json = new MemoryStream();
            using (var writer = new Utf8JsonWriter(json))
            {
                result.WriteTo(writer);
            }

            using var _ = JsonDocument.Parse(json.ToArray());
        }
        catch (GraphException)
        {
        }
    }

    private static NodeType<Person> Schema()
    {
        var person = new NodeType<Person>("Person", p => p.Id).Defaults("name");
        var post = new NodeType<Post>("Post", p => p.Id).Defaults("title");
        person
            .LoadedBy((ids, _) => Task.FromResult<IReadOnlyDictionary<long, Person>>(People.Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id)))
            .String("name", p => p.Name)
            .Reference("friend", person, p => p.FriendId)
            .Connection("posts", post, (queries, _) => Pages(queries, q => Posts.Where(p => p.AuthorId == q.Id)), PostKey, new ConnectionOptions(DefaultLimit: 3, MaxLimit: 5, TimeFilter: true))
            .Connection("recent_posts", post, (queries, _) => Pages(queries, _ => Posts), PostKey, new ConnectionOptions(DefaultLimit: 2, MaxItems: 7));
        post
            .LoadedBy((ids, _) => Task.FromResult<IReadOnlyDictionary<long, Post>>(Posts.Where(p => ids.Contains(p.Id)).ToDictionary(p => p.Id)))
            .String("title", p => p.Title)
            .Timestamp("created", p => p.Created)
            .Reference("author", person, p => p.AuthorId);
        return person;
    }

    private static (long, long) PostKey(Post post) => (post.Created.ToUnixTimeSeconds(), post.Id);

    /// <summary>Keyset pages as a database would give them: newest first, after or before a key, inside since/until.</summary>
    private static Task<IReadOnlyList<IReadOnlyList<Post>>> Pages(IReadOnlyList<ConnectionQuery<Person>> queries, Func<Person, IEnumerable<Post>> of) =>
        Task.FromResult<IReadOnlyList<IReadOnlyList<Post>>>([.. queries.Select(q =>
        {
            var page = q.Page;
            var items = of(q.Parent)
                .Where(p => (page.Since is null || p.Created.ToUnixTimeSeconds() >= page.Since) && (page.Until is null || p.Created.ToUnixTimeSeconds() <= page.Until))
                .Where(p => page.After is not { } a || PostKey(p).CompareTo((a.Primary, a.Secondary)) < 0)
                .Where(p => page.Before is not { } b || PostKey(p).CompareTo((b.Primary, b.Secondary)) > 0);
            var ordered = page.Backwards ? items.OrderBy(PostKey) : items.OrderByDescending(PostKey);
            return (IReadOnlyList<Post>)[.. ordered.Take(page.Take)];
        })]);

    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
