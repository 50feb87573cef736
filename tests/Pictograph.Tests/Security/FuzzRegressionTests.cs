using Pictograph.Fixtures;

namespace Pictograph.Tests.Security;

/// <summary>
/// Inputs the fuzzer (fuzz/run, docs/fuzzing.md) found that made a parser throw something other than its
/// designed refusal. Each is the smallest input found, kept so the bug stays fixed.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string NoFolder = Path.Combine(Path.GetTempPath(), "pictograph-no-such-folder");

    [Fact]
    public void AFlowListLeftOpenBeforeALessIndentedLineIsAFixtureMistake()
    {
        // YamlDotNet's scanner threw InvalidOperationException here, which ended `serve --fixture` with a stack trace.
        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromText("a: [b\nc: d\n", NoFolder), 0));
        Assert.Contains(refused.Errors, e => e.Reason.StartsWith("not valid YAML or JSON", StringComparison.Ordinal));
    }
}
