using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

public class PagingLinkTests
{
    private readonly TestGraph _graph = GraphWithPosts();

    [Fact]
    public async Task A_path_edge_link_is_absolute_and_repeats_the_root_parameters()
    {
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("access_token", "tok"), ("fields", "title,author{name}"), ("limit", "2"), ("pretty", "0")));

        var next = Json.Link(page, "next")!;
        Assert.StartsWith($"{TestGraph.BaseUrl}/1/posts?", next, StringComparison.Ordinal);
        var query = EdgeRequest.QueryOf(next);
        Assert.Equal(["access_token", "fields", "limit", "pretty", "after"], query.Select(p => p.Key));
        Assert.Equal(["tok", "title,author{name}", "2", "0"], query.Take(4).Select(p => p.Value));
        Assert.Equal(page.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString(), query[4].Value);
    }

    [Fact]
    public async Task Following_a_link_replaces_the_cursor_and_keeps_one_access_token()
    {
        var first = await _graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("access_token", "tok"), ("fields", "title"), ("limit", "2")));
        var second = await _graph.EdgeAsync(EdgeRequest.FromUrl(Json.Link(first, "next")!));

        var next = EdgeRequest.QueryOf(Json.Link(second, "next")!);
        var previous = EdgeRequest.QueryOf(Json.Link(second, "previous")!);

        Assert.Equal(["access_token", "fields", "limit", "after"], next.Select(p => p.Key));
        Assert.Equal(["access_token", "fields", "limit", "before"], previous.Select(p => p.Key));
        Assert.Equal(second.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString(), next[3].Value);
        Assert.Equal(second.GetProperty("paging").GetProperty("cursors").GetProperty("before").GetString(), previous[3].Value);
    }

    [Fact]
    public async Task A_path_edge_link_adds_the_effective_limit_when_the_request_had_none()
    {
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("fields", "title")));

        var query = EdgeRequest.QueryOf(Json.Link(page, "next")!);

        Assert.Equal(["access_token", "fields", "limit", "after"], query.Select(p => p.Key));
        Assert.Equal("4", query[2].Value);
    }

    [Fact]
    public async Task The_access_token_in_links_is_the_callers()
    {
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("access_token", "IGQV a&b=c")));

        var next = Json.Link(page, "next")!;

        Assert.Contains("access_token=IGQV%20a%26b%3Dc&", next, StringComparison.Ordinal);
        Assert.Equal("IGQV a&b=c", EdgeRequest.QueryOf(next)[0].Value);
    }

    [Fact]
    public async Task A_nested_edge_link_carries_its_sub_selection_and_paging()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "name,posts.limit(2).since(1714521600).until(1714529999){title,author{name}}");

        var next = Json.Link(node.GetProperty("posts"), "next")!;
        Assert.StartsWith($"{TestGraph.BaseUrl}/1/posts?", next, StringComparison.Ordinal);
        var query = EdgeRequest.QueryOf(next);
        Assert.Equal(["access_token", "fields", "limit", "since", "until", "after"], query.Select(p => p.Key));
        Assert.Equal(["tok", "title,author{name}", "2", "1714521600", "1714529999"], query.Take(5).Select(p => p.Value));

        var rest = await _graph.EdgeAsync(EdgeRequest.FromUrl(next));
        Assert.Equal(["1003", "1002"], Json.DataIds(rest));
        Assert.Equal("Ada", Json.Data(rest)[0].GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_nested_edge_without_a_selection_links_its_defaults()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "posts.limit(1)");

        var query = EdgeRequest.QueryOf(Json.Link(node.GetProperty("posts"), "next")!);

        Assert.Equal(("fields", "id"), (query[1].Key, query[1].Value));
    }

    [Fact]
    public async Task Links_start_with_the_contexts_base_url()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "posts.limit(1)", TestGraph.Context(baseUrl: "https://graph.example.test/v19.0"));
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("limit", "1")), baseUrl: "https://graph.example.test/v19.0");

        Assert.StartsWith("https://graph.example.test/v19.0/1/posts?access_token=tok&", Json.Link(node.GetProperty("posts"), "next"), StringComparison.Ordinal);
        Assert.StartsWith("https://graph.example.test/v19.0/1/posts?access_token=tok&", Json.Link(page, "next"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_links_carry_none()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(1), "posts.limit(1)", TestGraph.Context(token: null));

        var next = Json.Link(node.GetProperty("posts"), "next")!;

        Assert.DoesNotContain("access_token", next, StringComparison.Ordinal);
        Assert.StartsWith($"{TestGraph.BaseUrl}/1/posts?fields=id&limit=1&after=", next, StringComparison.Ordinal);
    }

    private static TestGraph GraphWithPosts()
    {
        var graph = new TestGraph();
        graph.People.Add(new Person(1, "Ada"));
        graph.AddPosts(1, 6);
        return graph;
    }
}
