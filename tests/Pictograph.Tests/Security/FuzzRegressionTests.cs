using Pictograph.Control.Clock;
using Pictograph.Tests.Control;
using Pictograph.Fixtures;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Security;

/// <summary>
/// Inputs the fuzzer (fuzz/run, docs/fuzzing.md) found that made a parser throw something other than its
/// designed refusal, each cut down to a small input that still did, kept so the bug stays fixed.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string NoFolder = Path.Combine(Path.GetTempPath(), "pictograph-no-such-folder");

    /// <summary>YamlDotNet threw InvalidOperationException (an open flow list) or ArgumentException (a bad tag), which ended `serve --fixture` with a stack trace.</summary>
    [Theory]
    [InlineData("a: [b\nc: d\n")]
    [InlineData("!<> x")]
    [InlineData("!!*a[q")]
    public void Yaml_the_reader_chokes_on_is_a_listed_fixture_mistake(string text)
    {
        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromText(text, NoFolder), 0));
        Assert.Contains(refused.Errors, e => e.Reason.StartsWith("not valid YAML or JSON", StringComparison.Ordinal));
    }

    /// <summary>Fifty thousand nested lists overflowed the stack of the tree builder, which no handler can catch.</summary>
    [Fact]
    public void Nesting_past_the_limit_is_a_listed_fixture_mistake()
    {
        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromText(new string('[', 50_000), NoFolder), 0));
        Assert.Contains(refused.Errors, e => e.Reason.Contains($"deeper than {YamlTree.MaxDepth} levels", StringComparison.Ordinal));
    }

    /// <summary>An empty quoted time (IndexOutOfRangeException in the time reader) and a sign alone (in the span reader).</summary>
    [Theory]
    [InlineData("\"\"")]
    [InlineData("+")]
    [InlineData("'-'")]
    public void A_time_with_nothing_to_read_is_a_listed_fixture_mistake(string created)
    {
        var text = $"name: t\naccounts:\n  - username: solo\n    picture: {{generate: 1, width: 16, height: 16}}\n    created: {created}\n";
        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromText(text, NoFolder), 0));
        Assert.Contains(refused.Errors, e => e.Path == "accounts[0].created" && e.Reason.Contains("is not a time", StringComparison.Ordinal));
    }

    /// <summary>An engagement event naming neither account nor media threw InvalidOperationException (a null read as a value).</summary>
    [Fact]
    public void An_event_without_account_or_media_is_a_listed_fixture_mistake()
    {
        var text = "name: e\nengagement:\n  - {kind: view, created: -2d}\n";
        var refused = Assert.Throws<FixtureException>(() => FixturePlan.Build(FixtureSource.FromText(text, NoFolder), 0));
        Assert.Contains(refused.Errors, e => e.Path == "engagement[0].account" && e.Reason.Contains("is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("+")]
    public void A_sign_alone_is_not_a_span(string text) => Assert.False(Durations.TryParse(text, out _));

    /// <summary>The same span reader behind the control API answered 500 to a sign alone.</summary>
    [Fact]
    public async Task The_control_api_refuses_a_sign_alone_as_a_span()
    {
        await using var own = await OwnServer.StartAsync();
        (await own.Server.SendJsonAsync(HttpMethod.Post, "/_pictograph/clock/advance", "{\"by\":\"+\"}")).Problem(400);
    }
}
