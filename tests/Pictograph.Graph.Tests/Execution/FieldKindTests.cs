using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Schema;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

/// <summary>Unavailable fields, lookups by modifier, edges without links or before cursors, and modifiers reaching loaders.</summary>
public class FieldKindTests
{
    private readonly TestGraph _graph = TestGraph.Sample();
    private readonly List<IReadOnlyList<FieldModifier>> _seenModifiers = [];

    public FieldKindTests()
    {
        ConnectionLoader<Person, Post> posts = (queries, _) =>
        {
            _seenModifiers.AddRange(queries.Select(q => q.Modifiers));
            return Task.FromResult<IReadOnlyList<IReadOnlyList<Post>>>([.. queries.Select(q => Keyset.Page(_graph.PostsOf(q.Parent.Id), TestGraph.PostKey, q.Page))]);
        };
        _graph.PersonType
            .Unavailable("insights", (name, type) => new GraphException(new GraphError(3, $"(#3) {name} of {type} is not available yet")))
            .Lookup("friend_named", _graph.PersonType, FriendNamed)
            .Connection("posts_cursors_only", _graph.PostType, posts, TestGraph.PostKey, new ConnectionOptions(DefaultLimit: 2) { Links = false })
            .Connection("posts_after_only", _graph.PostType, posts, TestGraph.PostKey, new ConnectionOptions(DefaultLimit: 2) { BeforeCursor = false });
    }

    private Task<IReadOnlyList<long?>> FriendNamed(IReadOnlyList<Person> people, IReadOnlyList<FieldModifier> modifiers, GraphContext context)
    {
        var name = modifiers.LastOrDefault(m => m.Name == "name")?.Value;
        var match = _graph.People.FirstOrDefault(p => p.Name == name)?.Id;
        return Task.FromResult<IReadOnlyList<long?>>([.. people.Select(_ => match)]);
    }

    [Fact]
    public async Task An_unavailable_field_answers_its_error_as_a_field_and_as_a_path()
    {
        var asField = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "name,insights"));
        var asPath = await Assert.ThrowsAsync<GraphException>(() => _graph.EdgeAsync(EdgeRequest.Of(1, "insights")));

        Assert.Equal("(#3) insights of Person is not available yet", asField.Error.Message);
        Assert.Equal(3, asPath.Error.Code);
    }

    [Fact]
    public async Task A_lookup_finds_its_node_by_the_fields_modifiers()
    {
        var found = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "friend_named.name(Grace){name}");
        var missing = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "friend_named.name(Nobody){name}");

        Assert.Equal("Grace", found.GetProperty("friend_named").GetProperty("name").GetString());
        Assert.Equal("2", found.GetProperty("friend_named").GetProperty("id").GetString());
        Assert.False(missing.TryGetProperty("friend_named", out _));
    }

    [Fact]
    public async Task An_edge_without_links_keeps_its_cursors()
    {
        var page = await _graph.NodeAsync(_graph.PersonType, _graph.Person(2), "posts_cursors_only{title}");

        var paging = page.GetProperty("posts_cursors_only").GetProperty("paging");
        Assert.Equal(["cursors"], Json.Keys(paging));
        Assert.Equal(["before", "after"], Json.Keys(paging.GetProperty("cursors")));
    }

    [Fact]
    public async Task An_edge_without_before_cursors_gives_after_and_next_only()
    {
        var first = await _graph.EdgeAsync(EdgeRequest.Of(2, "posts_after_only", ("limit", "1")));
        var second = await _graph.EdgeAsync(EdgeRequest.FromUrl(Json.Link(first, "next")!));

        Assert.Equal(["after"], Json.Keys(first.GetProperty("paging").GetProperty("cursors")));
        Assert.Equal(["after"], Json.Keys(second.GetProperty("paging").GetProperty("cursors")));
        Assert.False(second.GetProperty("paging").TryGetProperty("previous", out _));
    }

    [Fact]
    public async Task A_connections_modifiers_reach_its_loader()
    {
        await _graph.NodeAsync(_graph.PersonType, _graph.Person(2), "posts_cursors_only.user_id(42).limit(1){title}");

        Assert.Contains(_seenModifiers, m => m.Any(x => x.Name == "user_id" && x.Value == "42"));
    }
}
