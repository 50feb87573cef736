using System.CommandLine;
using Pictograph.Coverage;
using Pictograph.Nodes;

namespace Pictograph.Cli;

/// <summary><c>coverage [--specs DIR] [--out FILE]</c>: writes docs/coverage.md, the real schema against Meta's specs.</summary>
internal static class CoverageCommand
{
    private const string SpecsFolder = "docs/specs";

    public static Command Create()
    {
        var specs = new Option<string?>("--specs")
        {
            Description = $"Folder of Meta's spec JSON files (default: {SpecsFolder} of the checkout this runs in).",
        };
        var output = new Option<string?>("--out") { Description = "Where to write the table (default: docs/coverage.md of the checkout)." };
        var command = new Command("coverage", "Compare the served node types with Meta's specs and write the coverage table.") { specs, output };
        command.SetAction(result =>
        {
            var root = FindCheckout();
            var specsDirectory = result.GetValue(specs) ?? (root is null ? null : Path.Combine(root, SpecsFolder));
            if (specsDirectory is null || !Directory.Exists(specsDirectory))
            {
                Console.Error.WriteLine(specsDirectory is null
                    ? $"No {SpecsFolder} folder found above the current directory: pass --specs."
                    : $"The specs folder '{specsDirectory}' does not exist.");
                return 1;
            }

            var path = result.GetValue(output) ?? (root is null ? null : Path.Combine(root, "docs", "coverage.md"));
            if (path is null)
            {
                Console.Error.WriteLine("No checkout found to write docs/coverage.md into: pass --out.");
                return 1;
            }

            IReadOnlyList<TypeCoverage> report;
            try
            {
                report = CoverageReport.Build(new InstagramSchema(), specsDirectory);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                Console.Error.WriteLine($"Cannot read the specs: {e.Message}");
                return 1;
            }

            File.WriteAllText(path, CoverageMarkdown.Write(report));
            var served = report.Where(t => t.Mapping.FacebookLogin).ToList();
            Console.WriteLine($"Wrote {path}: Facebook Login fields served {served.Sum(t => t.FieldsServed)}/{served.Sum(t => t.Fields.Count)}, "
                + $"{report.Sum(t => t.Fields.Count(f => f.State == CoverageState.Missing) + t.Edges.Count(e => e.State == CoverageState.Missing))} names missing.");
            return 0;
        });
        return command;
    }

    /// <summary>The checkout holding the specs: the nearest folder with docs/specs above the current directory, then above the executable.</summary>
    private static string? FindCheckout()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SpecsFolder, "IGUser.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
