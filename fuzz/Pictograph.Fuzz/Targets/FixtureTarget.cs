using Pictograph.Fixtures;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The fixture loader's checking half, which runs before anything touches a database: YAML (or JSON) into a
/// tree, the tree into a document, the document into a plan of rows and files (<see cref="FixturePlan.Build"/>,
/// references, ids, times, generated pictures). A <see cref="FixtureException"/> listing the mistakes is the
/// designed refusal; nothing else may escape.
/// </summary>
internal static class FixtureTarget
{
    // Relative file names resolve in a folder that does not exist, so every named file is "missing".
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "pictograph-fuzz-no-such-folder");

    public static void Run(byte[] input)
    {
        try
        {
            FixturePlan.Build(FixtureSource.FromText(Input.Text(input), Folder), now: 1_780_000_000);
        }
        catch (FixtureException)
        {
        }
    }
}
