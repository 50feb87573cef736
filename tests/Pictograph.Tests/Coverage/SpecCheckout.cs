namespace Pictograph.Tests.Coverage;

/// <summary>The checkout these tests were built from: its committed docs/coverage.md and docs/specs.</summary>
public static class SpecCheckout
{
    public static string Root { get; } = Find();

    public static string Specs => Path.Combine(Root, "docs", "specs");

    public static string Table => Path.Combine(Root, "docs", "coverage.md");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "specs", "IGUser.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No docs/specs above {AppContext.BaseDirectory}.");
    }
}
