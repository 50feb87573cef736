using Microsoft.AspNetCore.WebUtilities;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Routing;
using Pictograph.GraphApi;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The <c>batch</c> parameter as the batch endpoint reads it before running anything: the JSON array of
/// operations, each operation's path (<see cref="GraphPath"/>) and query, and the <c>{result=NAME:$.path}</c>
/// references resolved against earlier results (every other named operation has "succeeded" with a fixed answer,
/// the rest "failed"). A (#100) <see cref="GraphException"/> is the designed refusal; nothing else may escape.
/// </summary>
internal static class BatchTarget
{
    private const string Answer = """{"id":"17841400000000001","data":[{"id":"1","n":2},{"id":"2","n":null}],"paging":{"cursors":{"after":"QVFI"}}}""";

    public static void Run(byte[] input)
    {
        List<BatchOperation> operations;
        try
        {
            operations = BatchOperation.ParseAll(Input.Text(input));
        }
        catch (GraphException)
        {
            return;
        }

        var names = operations.Where(o => o.Name is not null).Select(o => o.Name!).ToHashSet(StringComparer.Ordinal);
        var references = new BatchReferences(names);
        foreach (var (operation, index) in operations.Select((o, i) => (o, i)))
        {
            try
            {
                _ = operation.Needs.Count();
                if (operation.DependsOn is { } dependency)
                {
                    references.ResultOf(dependency);
                }

                var relative = references.Resolve(operation.RelativeUrl);
                var question = relative.IndexOf('?', StringComparison.Ordinal);
                GraphPath.Parse(question < 0 ? relative : relative[..question]);
                if (question >= 0)
                {
                    QueryHelpers.ParseQuery(relative[(question + 1)..]);
                }

                if (operation.Body is { Length: > 0 } body)
                {
                    QueryHelpers.ParseQuery(references.Resolve(body));
                }
            }
            catch (GraphException)
            {
            }

            if (operation.Name is { } name)
            {
                references.Record(name, succeeded: index % 2 == 0, Answer);
            }
        }
    }
}
