using Pictograph.Graph.Errors;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

public class PermissionTests
{
    private readonly TestGraph _graph = TestGraph.Sample();

    private Person Ada => _graph.Person(1);

    [Theory]
    [InlineData("email")]
    [InlineData("name,email")]
    [InlineData("best_friend{email}")]
    [InlineData("friends{name,email}")]
    [InlineData("posts{author{email}}")]
    [InlineData("secret")]
    [InlineData("drafts")]
    [InlineData("drafts{title}")]
    [InlineData("diary")]
    [InlineData("diary{text}")]
    [InlineData("best_friend{diary{id}}")]
    public async Task A_field_edge_or_node_type_that_needs_a_permission_is_refused_without_it(string fields)
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, fields, TestGraph.Context(["unrelated"])));

        AssertDenied(error);
        Assert.Equal(0, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_field_is_allowed_with_its_permission()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "email", TestGraph.Context(["email"]));

        Assert.Equal("ada@example.test", node.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("secret_a")]
    [InlineData("secret_b")]
    public async Task Any_one_of_the_listed_permissions_allows_a_field(string permission)
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "secret", TestGraph.Context([permission]));

        Assert.Equal("s3cret", node.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_permission_is_matched_exactly()
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.PersonType, Ada, "email", TestGraph.Context(["EMAIL", "email_x"])));

        AssertDenied(error);
    }

    [Fact]
    public async Task An_edge_is_allowed_with_its_permission()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "drafts{title}", TestGraph.Context(["drafts"]));

        Assert.Empty(Json.Data(node.GetProperty("drafts")));
        Assert.Equal([1], _graph.Sizes("drafts"));
    }

    [Fact]
    public async Task A_path_edge_needs_its_permission()
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.EdgeAsync(EdgeRequest.Of(1, "drafts")));
        AssertDenied(error);
        Assert.Equal(0, _graph.TotalCalls);

        var page = await _graph.EdgeAsync(EdgeRequest.Of(1, "drafts"), ["drafts"]);
        Assert.Empty(Json.Data(page));
    }

    [Fact]
    public async Task A_path_edge_checks_the_fields_it_expands()
    {
        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.EdgeAsync(EdgeRequest.Of(1, "friends", ("fields", "name,email"))));

        AssertDenied(error);
        Assert.Equal(0, _graph.TotalCalls);
    }

    [Fact]
    public async Task A_node_type_that_needs_a_permission_is_allowed_with_it()
    {
        var node = await _graph.NodeAsync(_graph.PersonType, Ada, "diary{text}", TestGraph.Context(["diary_read"]));

        Assert.Equal("""{"text":"dear diary","id":"1"}""", node.GetProperty("diary").GetRawText());
    }

    [Fact]
    public async Task Reading_a_node_of_a_protected_type_directly_needs_the_permission()
    {
        var diary = _graph.Diaries[0];

        var error = await Assert.ThrowsAsync<GraphException>(() => _graph.NodeAsync(_graph.DiaryType, diary, null));
        AssertDenied(error);

        var node = await _graph.NodeAsync(_graph.DiaryType, diary, null, TestGraph.Context(["diary_read"]));
        Assert.Equal("""{"text":"dear diary","id":"1"}""", node.GetRawText());
    }

    [Fact]
    public void The_permission_error_is_code_10_with_http_403()
    {
        var error = GraphErrors.PermissionDenied().Error;

        Assert.Equal(10, error.Code);
        Assert.Equal(403, error.HttpStatus);
        Assert.Equal("(#10) Application does not have permission for this action", error.Message);
    }

    private static void AssertDenied(GraphException error)
    {
        Assert.Equal(10, error.Error.Code);
        Assert.Equal(403, error.Error.HttpStatus);
        Assert.Equal("(#10) Application does not have permission for this action", error.Message);
    }
}
