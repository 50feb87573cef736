using System.Text.Json;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Schema;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

public class GraphExecutorTests
{
    private readonly TestGraph _graph = TestGraph.Sample();

    private Person Ada => _graph.Person(1);

    [Fact]
    public async Task Default_fields_when_the_selection_is_null()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, null);

        Assert.Equal(["name", "id"], Json.Keys(node));
        Assert.Equal("Ada", node.GetProperty("name").GetString());
        Assert.Equal("1", node.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_type_without_declared_defaults_answers_its_id()
    {
        var node = await _graph.NodeAsync(_graph.PostType, _graph.Posts[0], null);

        Assert.Equal(["id"], Json.Keys(node));
        Assert.Equal("200", node.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("joined,name", new[] { "joined", "name", "id" })]
    [InlineData("name,joined", new[] { "name", "joined", "id" })]
    [InlineData("id,name", new[] { "id", "name" })]
    [InlineData("name,id,joined", new[] { "name", "id", "joined" })]
    [InlineData("id", new[] { "id" })]
    [InlineData("profile_url,post_count,name", new[] { "profile_url", "post_count", "name", "id" })]
    public async Task Fields_come_in_the_order_asked_and_id_is_appended_last_when_not_asked(string fields, string[] keys)
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, fields);

        Assert.Equal(keys, Json.Keys(node));
    }

    [Fact]
    public async Task An_alias_renames_the_output()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "name.as(handle),best_friend.as(bff){name.as(n)}");

        Assert.Equal(["handle", "bff", "id"], Json.Keys(node));
        Assert.Equal("Ada", node.GetProperty("handle").GetString());
        Assert.Equal("Grace", node.GetProperty("bff").GetProperty("n").GetString());
    }

    [Fact]
    public async Task A_null_value_leaves_the_field_out()
    {
        var grace = _graph.Person(2);

        var node = await _graph.NodeAsync(_graph.PersonType, grace, "email,name,best_friend", TestGraph.Context(["email"]));

        Assert.Equal(["name", "id"], Json.Keys(node));
    }

    [Fact]
    public async Task Ids_are_json_strings_and_other_scalars_keep_their_json_kind()
    {
        var post = _graph.Posts.Single(p => p.Id == 200);

        var node = await _graph.NodeAsync(_graph.PostType, post, "id,author_id,title,like_count,is_pinned");

        Assert.Equal(JsonValueKind.String, node.GetProperty("id").ValueKind);
        Assert.Equal("200", node.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, node.GetProperty("author_id").ValueKind);
        Assert.Equal("2", node.GetProperty("author_id").GetString());
        Assert.Equal("post 200", node.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Number, node.GetProperty("like_count").ValueKind);
        Assert.Equal(0, node.GetProperty("like_count").GetInt64());
        Assert.Equal(JsonValueKind.True, node.GetProperty("is_pinned").ValueKind);
    }

    [Fact]
    public async Task Large_ids_are_written_exactly_as_strings()
    {
        _graph.People.Add(new Person(17_841_400_000_000_101, "Big"));

        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(17_841_400_000_000_101), "id");

        Assert.Equal("17841400000000101", node.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Timestamps_are_written_in_utc_with_a_plus0000_offset()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "joined");
        var post = await _graph.NodeAsync(_graph.PostType, _graph.Posts.Single(p => p.Id == 200), "created");

        Assert.Equal("2024-05-01T12:00:00+0000", node.GetProperty("joined").GetString());
        Assert.Equal("2024-05-01T00:33:20+0000", post.GetProperty("created").GetString());
    }

    [Fact]
    public void GraphJson_formats_ids_and_times()
    {
        Assert.Equal("2024-05-01T12:00:00+0000", GraphJson.Timestamp(new DateTimeOffset(2024, 5, 1, 7, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Equal("2024-04-30T23:30:00+0000", GraphJson.Timestamp(new DateTimeOffset(2024, 5, 1, 5, 0, 0, new TimeSpan(5, 30, 0))));
        Assert.Equal("-42", GraphJson.Id(-42));
        Assert.Equal("9223372036854775807", GraphJson.Id(long.MaxValue));
    }

    [Fact]
    public async Task A_request_dependent_string_sees_the_context()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "profile_url", TestGraph.Context(baseUrl: "https://graph.example.test/v19.0"));

        Assert.Equal("https://graph.example.test/v19.0/1/profile", node.GetProperty("profile_url").GetString());
    }

    [Fact]
    public async Task A_reference_is_loaded_and_written_with_its_selection()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "best_friend{name,joined}");

        var friend = node.GetProperty("best_friend");
        Assert.Equal(["name", "joined", "id"], Json.Keys(friend));
        Assert.Equal("Grace", friend.GetProperty("name").GetString());
        Assert.Equal("2023-01-02T03:04:05+0000", friend.GetProperty("joined").GetString());
        Assert.Equal([1], _graph.Sizes("people"));
    }

    [Fact]
    public async Task A_reference_without_a_selection_uses_the_target_defaults()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "best_friend");

        Assert.Equal("""{"name":"Grace","id":"2"}""", node.GetProperty("best_friend").GetRawText());
    }

    [Fact]
    public async Task A_reference_to_a_missing_node_is_left_out()
    {
        var edsger = _graph.Person(5);

        var node = await _graph.NodeAsync(_graph.PersonType, edsger, "name,best_friend{name}");

        Assert.Equal(["name", "id"], Json.Keys(node));
        Assert.Equal([1], _graph.Sizes("people"));
    }

    [Fact]
    public async Task A_null_reference_loads_nothing()
    {
        var barbara = _graph.Person(4);

        var node = await _graph.NodeAsync(_graph.PersonType, barbara, "best_friend{name}");

        Assert.Equal(["id"], Json.Keys(node));
        Assert.Equal(0, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_batched_field_is_written()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, _graph.Person(3), "post_count");

        Assert.Equal(3, node.GetProperty("post_count").GetInt64());
        Assert.Equal([1], _graph.Sizes("post_count"));
    }

    [Theory]
    [InlineData("nope", "nope", "Person")]
    [InlineData("name,nope", "nope", "Person")]
    [InlineData("best_friend{nope}", "nope", "Person")]
    [InlineData("posts{title,nope}", "nope", "Post")]
    [InlineData("posts{tags{name,nope}}", "nope", "Tag")]
    [InlineData("Name", "Name", "Person")]
    public async Task An_unknown_field_is_error_100(string fields, string field, string type)
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, fields));

        Assert.Equal(100, error.Error.Code);
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.Equal("OAuthException", error.Error.Type);
        Assert.Equal($"(#100) Tried accessing nonexisting field ({field}) on node type ({type})", error.Message);
    }

    [Fact]
    public async Task The_unknown_field_message_is_exact()
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, "x"));

        Assert.Equal("(#100) Tried accessing nonexisting field (x) on node type (Person)", error.Message);
    }

    [Theory]
    [InlineData("name{x}")]
    [InlineData("name{id}")]
    [InlineData("post_count{id}")]
    [InlineData("posts{title{x}}")]
    public async Task Expanding_a_scalar_is_error_100(string fields)
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, fields));

        Assert.Equal(100, error.Error.Code);
        Assert.Contains("cannot be expanded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_selection_is_checked_before_anything_loads()
    {
        await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts{author{name}}},best_friend{name},nope"));
        await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, "friends{posts.limit(0)}"));
        await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, "post_count,friends{email}"));

        Assert.Equal(0, _graph.TotalCalls);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("name")]
    [InlineData("best_friend")]
    [InlineData("post_count")]
    [InlineData("id")]
    public async Task Reading_something_that_is_not_an_edge_as_a_path_edge_is_error_100(string edge)
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.EdgeAsync(EdgeRequest.Of(1, edge)));

        Assert.Equal(100, error.Error.Code);
        Assert.Equal($"(#100) Tried accessing nonexisting field ({edge}) on node type (Person)", error.Message);
    }

    [Fact]
    public async Task A_path_edge_without_fields_answers_the_target_defaults()
    {
        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "friends"));

        Assert.Equal(
            """[{"name":"Barbara","id":"4"},{"name":"Linus","id":"3"},{"name":"Grace","id":"2"}]""",
            page.GetProperty("data").GetRawText());
    }

    [Theory]
    // Ada with friends and their id (2), her three friends with a name and their id (6).
    [InlineData(8, true)]
    [InlineData(7, false)]
    public async Task An_answer_holds_at_most_the_hosts_number_of_items(int maxItems, bool answers)
    {
        var c = TestGraph.Context();
        var context = new GraphContext { Services = c.Services, Permissions = c.Permissions, Cursors = c.Cursors, Links = c.Links, MaxItems = maxItems };

        var read = TestGraph.ReadNodeAsync(_graph.PersonType, Ada, FieldsParser.Parse("friends{name}"), context);

        if (answers)
        {
            Assert.Equal(3, (await read).GetProperty("friends").GetProperty("data").GetArrayLength());
            return;
        }

        var error = (await Assert.ThrowsAsync<GraphException>(() => read)).Error;
        Assert.Equal(1, error.Code);
        Assert.StartsWith("Please reduce the amount of data you're asking for, then retry your request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_item_bound_the_next_level_is_not_loaded()
    {
        var c = TestGraph.Context();
        var context = new GraphContext { Services = c.Services, Permissions = c.Permissions, Cursors = c.Cursors, Links = c.Links, MaxItems = 5 };

        await Assert.ThrowsAsync<GraphException>(() => TestGraph.ReadNodeAsync(_graph.PersonType, Ada, FieldsParser.Parse("friends{posts{title}}"), context));

        Assert.Equal(1, _graph.Calls("friends"));
        Assert.Equal(0, _graph.Calls("posts"));
    }

    [Fact]
    public async Task A_cancelled_request_stops()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var context = new GraphContext
        {
            Services = TestGraph.Context().Services,
            Permissions = new HashSet<string>(),
            Cursors = TestGraph.Codec,
            Links = new PagingLinks(TestGraph.BaseUrl, null, []),
            CancellationToken = cancel.Token,
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestGraph.ReadNodeAsync(_graph.PersonType, Ada, FieldsParser.Parse("friends{name}"), context));
        Assert.Equal(0, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_loader_answering_the_wrong_number_of_pages_is_a_host_bug()
    {
        var items = new NodeType<Tag>("Item", t => t.Id);
        var owner = new NodeType<Person>("Owner", p => p.Id)
            .Connection("items", items, (queries, _) => Task.FromResult<IReadOnlyList<IReadOnlyList<Tag>>>([]), t => (t.Id, 0));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestGraph.ReadNodeAsync(owner, Ada, FieldsParser.Parse("items"), TestGraph.Context()));

        Assert.Contains("Owner.items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declaring_a_field_twice_is_refused()
    {
        var type = new NodeType<Tag>("Tag", t => t.Id).String("name", t => t.Name);

        Assert.Throws<InvalidOperationException>(() => type.String("name", t => t.Name));
        Assert.Throws<InvalidOperationException>(() => type.String("id", t => t.Name));
    }

    [Fact]
    public void Schema_lookups()
    {
        Assert.True(_graph.PersonType.TryGetField("posts", out var posts));
        Assert.Equal("posts", posts.Name);
        Assert.False(_graph.PersonType.TryGetField("nope", out _));
        Assert.Equal(100, Assert.Throws<GraphException>(() => _graph.PersonType.Field("nope")).Error.Code);
        Assert.Equal(["email"], _graph.PersonType.Field("email").RequiredPermissions);
        Assert.Empty(_graph.PersonType.Field("name").RequiredPermissions);
        Assert.Equal(["diary_read"], _graph.DiaryType.RequiredPermissions);
        Assert.Contains(_graph.PersonType.Fields, f => f.Name == "id");
        Assert.True(_graph.PersonType.HasId);
        Assert.Equal("name", _graph.PersonType.DefaultFields.ToString());
    }

    [Fact]
    public async Task A_value_object_without_an_id_gets_no_id()
    {
        var type = new NodeType<Tag>("Colour", null).String("name", t => t.Name);

        var node = await TestGraph.ReadNodeAsync(type, new Tag(7, "red"), FieldSelection.Of("name"), TestGraph.Context());

        Assert.False(type.HasId);
        Assert.Equal("""{"name":"red"}""", node.GetRawText());
    }
}
