using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Pictograph.Fixtures;

namespace Pictograph.Tests.Fixtures;

/// <summary>docs/fixture.schema.json describes what the loader reads: the shipped demo world, the tests' fixture and every example of docs/fixtures.md pass it.</summary>
public sealed partial class FixtureSchemaTests
{
    private static readonly string Root = FindRoot();

    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Root, "docs", "fixture.schema.json")));

    public static TheoryData<string> DocumentExamples()
    {
        var data = new TheoryData<string>();
        foreach (Match block in YamlBlock().Matches(File.ReadAllText(Path.Combine(Root, "docs", "fixtures.md"))))
        {
            data.Add(block.Groups[1].Value);
        }

        return data;
    }

    [Fact]
    public void The_shipped_demo_world_passes_the_schema() => AssertValid(FixtureSource.Default.Text);

    [Fact]
    public void The_tests_fixture_passes_the_schema() => AssertValid(FixtureFiles.Shop);

    [Theory]
    [MemberData(nameof(DocumentExamples))]
    public void Every_example_of_the_documentation_passes_the_schema_and_parses(string yaml)
    {
        AssertValid(yaml);
        var errors = new List<FixtureError>();
        FixtureParser.Parse(yaml, errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_fixture_with_mistakes_fails_the_schema() => Assert.False(Evaluate(FixtureErrorTests.Broken).IsValid);

    private static void AssertValid(string yaml)
    {
        var result = Evaluate(yaml);
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var errors = new List<FixtureError>();
        var tree = YamlTree.Parse(yaml, errors) ?? throw new InvalidOperationException(string.Join("\n", errors));
        var json = JsonSerializer.SerializeToElement(FixtureParser.ToJson(tree));
        return Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "fixture.schema.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No docs/fixture.schema.json above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
