using System.Text.Json;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

public class BatchingTests
{
    private const string Nested = "posts.limit(2){title,author{name},tags{name}}";

    private readonly TestGraph _graph = TestGraph.Sample();

    private Person Ada => _graph.Person(1);

    [Fact]
    public async Task Nested_expansion_over_several_parents_loads_each_field_once_per_level()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, $"friends{{name,{Nested}}}");

        Assert.Equal([1], _graph.Sizes("friends"));
        Assert.Equal([3], _graph.Sizes("posts"));
        Assert.Equal([3], _graph.Sizes("people"));
        Assert.Equal([6], _graph.Sizes("tags"));
        Assert.Equal(4, _graph.TotalCalls);
        AssertFriendsWithPosts(Json.Data(node.GetProperty("friends")));
    }

    [Fact]
    public async Task A_path_edge_batches_its_nested_fields_the_same_way()
    {
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "friends", ("fields", $"name,{Nested}")));

        Assert.Equal([1], _graph.Sizes("friends"));
        Assert.Equal([3], _graph.Sizes("posts"));
        Assert.Equal([3], _graph.Sizes("people"));
        Assert.Equal([6], _graph.Sizes("tags"));
        Assert.Equal(4, _graph.TotalCalls);
        AssertFriendsWithPosts(Json.Data(page));
    }

    [Fact]
    public async Task Each_level_of_a_deep_selection_is_one_call_per_field()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts.limit(2){author{post_count,posts.limit(1){title,author{name}}}}}");

        Assert.Equal([1], _graph.Sizes("friends"));
        Assert.Equal([3, 3], _graph.Sizes("posts"));
        Assert.Equal([3, 3], _graph.Sizes("people"));
        Assert.Equal([3], _graph.Sizes("post_count"));
        Assert.Equal(6, _graph.TotalCalls);

        var friends = Json.Data(node.GetProperty("friends"));
        Assert.Equal(3, friends.Count);
        foreach (var friend in friends)
        {
            var id = friend.GetProperty("id").GetString();
            foreach (var post in Json.Data(friend.GetProperty("posts")))
            {
                var author = post.GetProperty("author");
                Assert.Equal(id, author.GetProperty("id").GetString());
                Assert.Equal(3, author.GetProperty("post_count").GetInt64());
                var latest = Assert.Single(Json.Data(author.GetProperty("posts")));
                Assert.Equal($"post {id}02", latest.GetProperty("title").GetString());
                Assert.Equal(id, latest.GetProperty("author").GetProperty("id").GetString());
            }
        }
    }

    [Fact]
    public async Task A_reference_asking_only_for_id_does_not_load()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts{author{id}}},best_friend{id}");

        Assert.Equal(0, _graph.Calls("people"));
        Assert.Equal("""{"id":"2"}""", node.GetProperty("best_friend").GetRawText());
        foreach (var friend in Json.Data(node.GetProperty("friends")))
        {
            Assert.All(Json.Data(friend.GetProperty("posts")), post =>
                Assert.Equal($$"""{"author":{"id":"{{friend.GetProperty("id").GetString()}}"},"id":"{{post.GetProperty("id").GetString()}}"}""", post.GetRawText()));
        }
    }

    [Fact]
    public async Task A_reference_whose_target_defaults_to_id_does_not_load()
    {
        var node = await _graph.NodeAsync(_graph.PostType, _graph.Posts.Single(p => p.Id == 201), "featured_tag");

        Assert.Equal("""{"featured_tag":{"id":"2"},"id":"201"}""", node.GetRawText());
        Assert.Equal(0, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_reference_with_more_than_id_loads_once_for_all_parents()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts{featured_tag{name}}}");

        Assert.Equal([3], _graph.Sizes("tags_by_id"));
        var names = Json.Data(node.GetProperty("friends"))
            .SelectMany(f => Json.Data(f.GetProperty("posts")))
            .Select(p => p.GetProperty("featured_tag").GetProperty("name").GetString());
        Assert.Equal(["blue", "green", "red", "blue", "green", "red", "blue", "green", "red"], names);
    }

    [Fact]
    public async Task Repeated_references_are_loaded_once_per_distinct_id()
    {
        await _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts{author{name}},best_friend{name}}");

        // 9 posts by 3 authors; of the friends only Linus has a best friend: two calls, one per field.
        Assert.Equal([3, 1], _graph.Sizes("people"));
    }

    [Fact]
    public async Task An_empty_level_loads_nothing_below_it()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(5), "friends{posts{author{name},tags},post_count}");

        Assert.Empty(Json.Data(node.GetProperty("friends")));
        Assert.Equal([1], _graph.Sizes("friends"));
        Assert.Equal(1, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_batched_field_is_computed_once_per_level()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "post_count,friends{post_count}");

        Assert.Equal([1, 3], _graph.Sizes("post_count"));
        Assert.Equal(0, node.GetProperty("post_count").GetInt64());
        Assert.All(Json.Data(node.GetProperty("friends")), f => Assert.Equal(3, f.GetProperty("post_count").GetInt64()));
    }

    [Fact]
    public async Task A_connection_asked_twice_under_aliases_is_loaded_once_per_alias()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts.limit(1).as(latest){title},posts.limit(3){title}}");

        Assert.Equal([3, 3], _graph.Sizes("posts"));
        foreach (var friend in Json.Data(node.GetProperty("friends")))
        {
            Assert.Single(Json.Data(friend.GetProperty("latest")));
            Assert.Equal(3, Json.Data(friend.GetProperty("posts")).Count);
        }
    }

    private static void AssertFriendsWithPosts(IReadOnlyList<JsonElement> friends)
    {
        Assert.Equal(["4", "3", "2"], friends.Select(f => f.GetProperty("id").GetString()));
        foreach (var friend in friends)
        {
            var id = friend.GetProperty("id").GetString();
            var name = friend.GetProperty("name").GetString();
            var posts = Json.Data(friend.GetProperty("posts"));
            Assert.Equal([$"{id}02", $"{id}01"], posts.Select(p => p.GetProperty("id").GetString()));
            foreach (var post in posts)
            {
                Assert.Equal(["title", "author", "tags", "id"], Json.Keys(post));
                Assert.Equal($"post {post.GetProperty("id").GetString()}", post.GetProperty("title").GetString());
                Assert.Equal(name, post.GetProperty("author").GetProperty("name").GetString());
                Assert.Equal(id, post.GetProperty("author").GetProperty("id").GetString());
                Assert.Equal(2, Json.Data(post.GetProperty("tags")).Count);
                Assert.All(Json.Data(post.GetProperty("tags")), t => Assert.Equal(["name", "id"], Json.Keys(t)));
            }
        }
    }
}
