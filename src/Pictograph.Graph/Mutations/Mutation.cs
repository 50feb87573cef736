using System.Text.Json;
using Pictograph.Graph.Execution;

namespace Pictograph.Graph.Mutations;

/// <summary>A write on a node or on one of its edges (<c>POST /{id}</c>, <c>POST /{id}/comments</c>, <c>DELETE /{id}</c>…).</summary>
public delegate Task<MutationResult> Mutation<in T>(T node, GraphArguments arguments, GraphContext context);

/// <summary>What a write answers.</summary>
public sealed class MutationResult(Action<Utf8JsonWriter> write)
{
    /// <summary><c>{"success":true}</c></summary>
    public static readonly MutationResult Success = new(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("success", true);
        w.WriteEndObject();
    });

    /// <summary><c>{"id":"…"}</c> for a created node.</summary>
    public static MutationResult Created(long id) => new(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", GraphJson.Id(id));
        w.WriteEndObject();
    });

    public void WriteTo(Utf8JsonWriter writer) => write(writer);
}
