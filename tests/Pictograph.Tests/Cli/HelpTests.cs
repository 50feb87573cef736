using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>--help</c> on every command prints its usage and exits 0, touching no data.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("serve", "--port", "--host", "--data-dir")]
    [InlineData("seed", "--data-dir", null, null)]
    [InlineData("tokens issue", "--user", "--scopes", "--short-lived")]
    [InlineData("tokens", "issue", null, null)]
    [InlineData("", "serve", "seed", "tokens")]
    public async Task Help_prints_usage_and_exits_0(string command, string? mentions, string? alsoMentions, string? andMentions)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();

        var result = await PictographCli.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        foreach (var text in new[] { mentions, alsoMentions, andMentions }.OfType<string>())
        {
            Assert.Contains(text, result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listening", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }
}
