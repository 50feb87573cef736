using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pictograph.Coverage;

/// <summary>A field of a spec type: its name and Meta's type (<c>string</c>, <c>IGUser</c>, <c>list&lt;Object&gt;</c>…).</summary>
public sealed record SpecField(string Name, string Type);

/// <summary>
/// An API of a spec type: an edge (<c>media</c>) or, where <see cref="Edge"/> is null, the node itself
/// (Meta's <c>#get</c>, <c>#update</c>, <c>#delete</c>).
/// </summary>
public sealed record SpecApi(string? Edge, string Method, string Returns);

/// <summary>
/// One node type as Meta's Business SDK code generator describes it (a JSON file with <c>fields</c> and
/// <c>apis</c>, see docs/specs/SOURCE.txt).
/// </summary>
public sealed record SpecType(string Name, IReadOnlyList<SpecField> Fields, IReadOnlyList<SpecApi> Apis)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static SpecType Load(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".json");
        var file = JsonSerializer.Deserialize<SpecFile>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new SpecType(
            name,
            [.. (file.Fields ?? []).Select(f => new SpecField(f.Name, f.Type))],
            [.. (file.Apis ?? []).Select(a => new SpecApi(a.Endpoint, a.Method, a.Return ?? ""))]);
    }

    private sealed record SpecFile(List<FieldEntry>? Fields, List<ApiEntry>? Apis);

    private sealed record FieldEntry(string Name, string Type);

    private sealed record ApiEntry(string? Endpoint, string Method, [property: JsonPropertyName("return")] string? Return);
}
