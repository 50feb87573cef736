using System.CommandLine;
using Pictograph.Hosting;
using Pictograph.Seed;

namespace Pictograph.Cli;

internal static class SeedCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("seed", "Create the database and seed the demo world if it is empty, then print the demo token.") { dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            var seeded = await PictographApp.PrepareAsync(app.Services, seedDemo: true, cancellationToken).ConfigureAwait(false);
            if (seeded is null)
            {
                Console.Error.WriteLine($"The database already holds data; nothing seeded. Issue a token with: tokens issue --user {DemoWorld.PersonalUsername}");
                return 0;
            }

            Console.WriteLine($"Seeded the demo world: app {seeded.AppId} (secret {seeded.AppSecret}).");
            Console.WriteLine($"Basic Display token for {seeded.Username}:");
            Console.WriteLine(seeded.Token);
            return 0;
        });
        return command;
    }
}
