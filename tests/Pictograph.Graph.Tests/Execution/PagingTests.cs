using System.Globalization;
using System.Text.Json;
using CsCheck;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

public class PagingTests
{
    [Fact]
    public async Task Walking_after_cursors_from_the_first_page_visits_every_item_once_in_order()
    {
        await Gen.Select(Gen.Int[0, 60], Gen.Int[1, 10]).SampleAsync(async (count, limit) =>
        {
            var graph = GraphWithPosts(count);
            var expected = ExpectedIds(graph);

            var walk = await WalkAsync(graph, First("posts", limit), "next", count + 1);

            Assert.Equal(expected, walk.SelectMany(step => Json.DataIds(step.Page)));
            Assert.Equal(Math.Max(1, (count + limit - 1) / limit), walk.Count);
            Assert.All(walk.SkipLast(1), step => Assert.Equal(limit, Json.Data(step.Page).Count));
            Assert.Null(Json.Link(walk[^1].Page, "next"));
            Assert.Null(Json.Link(walk[0].Page, "previous"));
            Assert.All(walk.Skip(1), step => Assert.NotNull(Json.Link(step.Page, "previous")));
            Assert.Equal(walk.Count, graph.Calls("posts"));
        });
    }

    [Fact]
    public async Task Walking_before_cursors_back_from_the_last_page_visits_every_item_once_in_order()
    {
        await Gen.Select(Gen.Int[1, 60], Gen.Int[1, 10]).SampleAsync(async (count, limit) =>
        {
            var graph = GraphWithPosts(count);
            var expected = ExpectedIds(graph);
            var forward = await WalkAsync(graph, First("posts", limit), "next", count + 1);

            var backward = await WalkAsync(graph, forward[^1].Request, "previous", count + 1);

            Assert.Equal(expected, Enumerable.Reverse(backward).SelectMany(step => Json.DataIds(step.Page)));
            Assert.Null(Json.Link(backward[^1].Page, "previous"));
            Assert.Equal(expected[0], Json.DataIds(backward[^1].Page)[0]);
            Assert.All(backward.Skip(1), step => Assert.NotNull(Json.Link(step.Page, "next")));
        });
    }

    [Fact]
    public async Task Previous_then_next_returns_to_the_same_page()
    {
        var graph = GraphWithPosts(10);
        var walk = await WalkAsync(graph, First("posts", 3), "next", 10);
        Assert.Equal(4, walk.Count);

        for (var i = 1; i < walk.Count; i++)
        {
            var previous = await graph.EdgeAsync(EdgeRequest.FromUrl(Json.Link(walk[i].Page, "previous")!));
            Assert.Equal(Json.DataIds(walk[i - 1].Page), Json.DataIds(previous));

            var back = await graph.EdgeAsync(EdgeRequest.FromUrl(Json.Link(previous, "next")!));
            Assert.Equal(Json.DataIds(walk[i].Page), Json.DataIds(back));
        }
    }

    [Fact]
    public async Task The_first_page_has_no_previous_and_cursors_for_its_ends()
    {
        var graph = GraphWithPosts(5);
        var posts = graph.PostsOf(1);

        var page = await graph.EdgeAsync(First("posts", 2));

        var paging = page.GetProperty("paging");
        Assert.Equal(["cursors", "next"], Json.Keys(paging));
        var before = TestGraph.Codec.Decode("Person/posts/1", paging.GetProperty("cursors").GetProperty("before").GetString()!, "before");
        var after = TestGraph.Codec.Decode("Person/posts/1", paging.GetProperty("cursors").GetProperty("after").GetString()!, "after");
        Assert.Equal(new CursorKey(TestGraph.PostKey(posts[0]).Primary, TestGraph.PostKey(posts[0]).Secondary, 0), before);
        Assert.Equal(new CursorKey(TestGraph.PostKey(posts[1]).Primary, TestGraph.PostKey(posts[1]).Secondary, 1), after);
    }

    [Fact]
    public async Task An_empty_connection_has_no_paging()
    {
        var graph = GraphWithPosts(0);

        var page = await graph.EdgeAsync(First("posts", 5));

        Assert.Equal("""{"data":[]}""", page.GetRawText());
    }

    [Fact]
    public async Task A_single_full_page_has_cursors_but_no_links()
    {
        var graph = GraphWithPosts(3);

        var page = await graph.EdgeAsync(First("posts", 3));

        Assert.Equal(["cursors"], Json.Keys(page.GetProperty("paging")));
        Assert.Equal(3, Json.Data(page).Count);
    }

    [Fact]
    public async Task MaxItems_stops_next_at_the_cap()
    {
        var graph = GraphWithPosts(20);
        var expected = ExpectedIds(graph).Take(7);

        var walk = await WalkAsync(graph, First("recent_posts", 3), "next", 10);

        Assert.Equal(expected, walk.SelectMany(step => Json.DataIds(step.Page)));
        Assert.Equal([3, 3, 1], walk.Select(step => Json.Data(step.Page).Count));
        Assert.Null(Json.Link(walk[^1].Page, "next"));
    }

    [Fact]
    public async Task MaxItems_caps_every_walk()
    {
        await Gen.Select(Gen.Int[0, 25], Gen.Int[1, 10]).SampleAsync(async (count, limit) =>
        {
            var graph = GraphWithPosts(count);
            var expected = ExpectedIds(graph).Take(7).ToList();

            var walk = await WalkAsync(graph, First("recent_posts", limit), "next", 10);

            Assert.Equal(expected, walk.SelectMany(step => Json.DataIds(step.Page)));
            Assert.Null(Json.Link(walk[^1].Page, "next"));
            Assert.All(graph.PostPages, request => Assert.True(request.Take <= 8, $"asked for {request.Take}"));
        });
    }

    [Fact]
    public async Task A_cap_reached_exactly_by_a_page_has_no_next()
    {
        var graph = GraphWithPosts(8);

        var page = await graph.EdgeAsync(First("recent_posts", 7));

        Assert.Equal(7, Json.Data(page).Count);
        Assert.Null(Json.Link(page, "next"));
    }

    [Fact]
    public async Task A_cursor_from_another_parents_edge_is_refused()
    {
        var graph = TestGraph.Sample();
        var page = await graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("limit", "1")));
        var cursors = page.GetProperty("paging").GetProperty("cursors");
        var after = cursors.GetProperty("after").GetString()!;
        var before = cursors.GetProperty("before").GetString()!;
        var calls = graph.TotalCalls;

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(3, "posts", ("after", after))));
        Assert.Equal(100, error.Error.Code);
        Assert.Equal("(#100) The after cursor is not valid for this request", error.Message);

        error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(3, "posts", ("before", before))));
        Assert.Equal("(#100) The before cursor is not valid for this request", error.Message);

        error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(2, "recent_posts", ("after", after))));
        Assert.Equal(100, error.Error.Code);

        error = await Assert.ThrowsAsync<GraphException>(() => graph.NodeAsync(graph.PersonType, graph.Person(3), $"posts.after({after}){{title}}"));
        Assert.Equal(100, error.Error.Code);

        Assert.Equal(calls, graph.TotalCalls);

        // The same cursor is fine where it came from.
        var next = await graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("limit", "1"), ("after", after)));
        Assert.Equal(["201"], Json.DataIds(next));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("QVFIaGVsbG8")]
    public async Task A_malformed_cursor_is_error_100(string cursor)
    {
        var graph = TestGraph.Sample();

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("after", cursor))));

        Assert.Equal("(#100) The after cursor is not valid for this request", error.Message);
    }

    [Fact]
    public async Task An_empty_cursor_is_ignored()
    {
        var graph = TestGraph.Sample();

        var page = await graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("after", ""), ("before", "")));

        Assert.Equal(["202", "201", "200"], Json.DataIds(page));
    }

    [Fact]
    public async Task After_and_before_together_are_error_100()
    {
        var graph = TestGraph.Sample();
        var page = await graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("limit", "1")));
        var cursor = page.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString()!;

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("after", cursor), ("before", cursor))));

        Assert.Equal(100, error.Error.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" 5")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public async Task A_limit_that_is_not_a_positive_integer_is_error_100(string limit)
    {
        var graph = TestGraph.Sample();

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.EdgeAsync(EdgeRequest.Of(2, "posts", ("limit", limit))));

        Assert.Equal(100, error.Error.Code);
        Assert.StartsWith("(#100) The parameter limit must be a positive integer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, graph.TotalCalls);
    }

    [Theory]
    [InlineData("posts.limit(0)")]
    [InlineData("posts.limit(abc){title}")]
    [InlineData("friends{posts.limit(-3)}")]
    public async Task A_bad_limit_in_fields_is_error_100(string fields)
    {
        var graph = TestGraph.Sample();

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.NodeAsync(graph.PersonType, graph.Person(1), fields));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_clamped()
    {
        var graph = GraphWithPosts(15);

        var page = await graph.EdgeAsync(First("posts", 500));
        var nested = await graph.NodeAsync(graph.PersonType, graph.Person(1), "posts.limit(500){title}");

        Assert.Equal(10, Json.Data(page).Count);
        Assert.Equal(10, Json.Data(nested.GetProperty("posts")).Count);
        Assert.All(graph.PostPages, request => Assert.Equal(11, request.Take));
        Assert.Contains("&limit=10&", Json.Link(nested.GetProperty("posts"), "next"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_limit_the_default_applies()
    {
        var graph = GraphWithPosts(15);

        var page = await graph.EdgeAsync(EdgeRequest.Of(1, "posts"));
        var nested = await graph.NodeAsync(graph.PersonType, graph.Person(1), "posts,recent_posts");

        Assert.Equal(4, Json.Data(page).Count);
        Assert.Equal(4, Json.Data(nested.GetProperty("posts")).Count);
        Assert.Equal(3, Json.Data(nested.GetProperty("recent_posts")).Count);
    }

    [Fact]
    public async Task The_loader_is_asked_for_one_more_than_the_page()
    {
        var graph = GraphWithPosts(15);

        await graph.EdgeAsync(First("posts", 6));

        var request = Assert.Single(graph.PostPages);
        Assert.Equal(new PageRequest(7, null, null, null, null), request);
    }

    [Fact]
    public async Task Since_and_until_are_passed_to_the_loader_of_a_time_filtered_edge()
    {
        var graph = GraphWithPosts(15);

        await graph.NodeAsync(graph.PersonType, graph.Person(1), "posts.since(2024-05-01).until(1714600000){title}");
        await graph.EdgeAsync(EdgeRequest.Of(1, "posts", ("since", "1714521602"), ("until", "2024-05-01T00:00:04Z")));

        Assert.Equal([(1714521600L, 1714600000L), (1714521602L, 1714521604L)], graph.PostPages.Select(p => (p.Since!.Value, p.Until!.Value)));
    }

    [Fact]
    public async Task The_time_window_filters_the_walk()
    {
        var graph = GraphWithPosts(30);
        var expected = graph.PostsOf(1)
            .Where(p => p.Created.ToUnixTimeSeconds() is >= 1_714_521_602 and <= 1_714_521_606)
            .Select(p => p.Id.ToString(CultureInfo.InvariantCulture));

        var walk = await WalkAsync(graph, EdgeRequest.Of(1, "posts", ("limit", "4"), ("since", "1714521602"), ("until", "1714521606")), "next", 30);

        Assert.Equal(expected, walk.SelectMany(step => Json.DataIds(step.Page)));
        Assert.All(graph.PostPages, p => Assert.Equal((1_714_521_602L, 1_714_521_606L), (p.Since!.Value, p.Until!.Value)));
    }

    [Fact]
    public async Task Since_and_until_are_not_passed_to_an_edge_without_time_filtering()
    {
        var graph = GraphWithPosts(5);

        await graph.NodeAsync(graph.PersonType, graph.Person(1), "recent_posts.since(2024-05-01).until(1714600000){title}");

        var request = Assert.Single(graph.PostPages);
        Assert.Null(request.Since);
        Assert.Null(request.Until);
    }

    [Theory]
    [InlineData("posts.since(yesterday-ish)")]
    [InlineData("posts.until(12abc){title}")]
    public async Task A_bad_time_is_error_100(string fields)
    {
        var graph = GraphWithPosts(5);

        var error = await Assert.ThrowsAsync<GraphException>(() => graph.NodeAsync(graph.PersonType, graph.Person(1), fields));

        Assert.Equal(100, error.Error.Code);
        Assert.Equal(0, graph.TotalCalls);
    }

    [Fact]
    public async Task Nested_edges_page_each_parent_separately()
    {
        var graph = TestGraph.Sample();

        var node = await graph.NodeAsync(graph.PersonType, graph.Person(1), "friends{posts.limit(2){title}}");

        foreach (var friend in Json.Data(node.GetProperty("friends")))
        {
            var id = friend.GetProperty("id").GetString()!;
            var posts = friend.GetProperty("posts");
            Assert.Equal([$"{id}02", $"{id}01"], Json.DataIds(posts));
            var next = Json.Link(posts, "next")!;
            Assert.StartsWith($"{TestGraph.BaseUrl}/{id}/posts?", next, StringComparison.Ordinal);

            var rest = await graph.EdgeAsync(EdgeRequest.FromUrl(next));
            Assert.Equal([$"{id}00"], Json.DataIds(rest));
            Assert.Equal(["title", "id"], Json.Keys(Json.Data(rest)[0]));
        }
    }

    private static TestGraph GraphWithPosts(int count)
    {
        var graph = new TestGraph();
        graph.People.Add(new Person(1, "Ada"));
        graph.People.Add(new Person(2, "Grace"));
        graph.AddPosts(1, count);
        graph.AddPosts(2, 3, firstId: 5000);
        return graph;
    }

    private static List<string> ExpectedIds(TestGraph graph) =>
        [.. graph.PostsOf(1).Select(p => p.Id.ToString(CultureInfo.InvariantCulture))];

    private static EdgeRequest First(string edge, int limit) =>
        EdgeRequest.Of(1, edge, ("access_token", TestGraph.Token), ("fields", "title"), ("limit", limit.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Follows <paramref name="link"/> ("next" or "previous") from the first request until it is absent.</summary>
    private static async Task<List<(EdgeRequest Request, JsonElement Page)>> WalkAsync(TestGraph graph, EdgeRequest first, string link, int maxPages)
    {
        var steps = new List<(EdgeRequest, JsonElement)>();
        var request = first;
        while (true)
        {
            var page = await graph.EdgeAsync(request);
            steps.Add((request, page));
            if (Json.Link(page, link) is not { } url)
            {
                return steps;
            }

            Assert.True(steps.Count <= maxPages, $"the walk did not end after {maxPages} pages");
            request = EdgeRequest.FromUrl(url);
        }
    }
}
