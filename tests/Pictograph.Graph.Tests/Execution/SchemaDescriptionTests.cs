using Pictograph.Graph.Errors;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Schema;
using Pictograph.Graph.Tests.Fixtures;

namespace Pictograph.Graph.Tests.Execution;

/// <summary>What a schema says about itself for coverage reports: fields served empty by design, unavailable fields and operations.</summary>
public class SchemaDescriptionTests
{
    private static GraphException NotYet(string name, string type) => new(new GraphError(3, $"(#3) {name} of {type} is not available yet"));

    [Fact]
    public void Empty_by_design_marks_the_field_declared_just_before_with_its_reason()
    {
        var type = new NodeType<Person>("Person", p => p.Id)
            .String("name", p => p.Name)
            .String("nickname", _ => null)
            .EmptyByDesign("nobody has a nickname here");

        Assert.Equal("nobody has a nickname here", type.Field("nickname").EmptyReason);
        Assert.Null(type.Field("name").EmptyReason);
    }

    [Fact]
    public void Empty_by_design_needs_a_field_before_it()
    {
        var valueType = new NodeType<Person>("Tag", null);

        Assert.Throws<InvalidOperationException>(() => valueType.EmptyByDesign("nothing"));
    }

    [Fact]
    public void Operations_list_writes_and_reads_and_tell_the_unavailable_ones()
    {
        Mutation<Person> write = (_, _, _) => Task.FromResult(new MutationResult(_ => { }));
        var type = new NodeType<Person>("Person", p => p.Id)
            .Unavailable("badges", NotYet)
            .OnPost("friends", write, ["manage_friends"])
            .OnDelete(null, write)
            .OnUnavailable("POST", "badges", NotYet);

        Assert.True(type.Field("badges").IsUnavailable);
        Assert.False(type.Field("id").IsUnavailable);
        Assert.Equal(
            [new GraphOperation("DELETE", null, [], false), new GraphOperation("POST", "badges", [], true), new GraphOperation("POST", "friends", ["manage_friends"], false)],
            type.Operations.OrderBy(o => o.Edge, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal),
            OperationComparer.Instance);
    }

    private sealed class OperationComparer : IEqualityComparer<GraphOperation>
    {
        public static readonly OperationComparer Instance = new();

        public bool Equals(GraphOperation? x, GraphOperation? y) =>
            x is not null && y is not null && x.Method == y.Method && x.Edge == y.Edge && x.IsUnavailable == y.IsUnavailable
            && x.RequiredPermissions.SequenceEqual(y.RequiredPermissions);

        public int GetHashCode(GraphOperation obj) => HashCode.Combine(obj.Method, obj.Edge);
    }
}
