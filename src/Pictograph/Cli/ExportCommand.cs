using System.CommandLine;
using Pictograph.Fixtures;
using Pictograph.Hosting;

namespace Pictograph.Cli;

/// <summary><c>pictograph export --out world.yaml</c>: the current state as a fixture, its media files in a folder beside it.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var output = new Option<FileInfo>("--out") { Description = "The fixture file to write (YAML); media files go to a 'files' folder beside it.", Required = true };
        var relative = new Option<bool>("--relative") { Description = "Write times relative to now (-3d), so the world stays as recent whenever it is loaded." };
        var command = new Command("export", "Write the current state (apps, people, Pages, media, comments, likes, tokens, insights) as a fixture.") { dataDir, output, relative };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(app.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var file = result.GetValue(output)!;
            try
            {
                var files = await app.Services.GetRequiredService<FixtureExporter>().ExportAsync(file.FullName, result.GetValue(relative), cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"Wrote {file.FullName} and {files} media file(s) in {Path.Combine(file.DirectoryName!, FixtureExporter.FilesFolder)}.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Cannot write {file.FullName}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
