using System.CommandLine;
using Pictograph.Fixtures;
using Pictograph.Hosting;
using Pictograph.Seed;

namespace Pictograph.Cli;

internal static class SeedCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var fixture = CommonOptions.Fixture();
        var command = new Command("seed", "Create the database and, if it is empty, load a fixture (the demo world by default); print its tokens.") { dataDir, fixture };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonOptions.TryReadFixture(result, fixture, out var source))
            {
                return 1;
            }

            await using var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(app.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var empty = await app.Services.GetRequiredService<FixtureLoader>().IsEmptyAsync(cancellationToken).ConfigureAwait(false);
            DemoWorld.Summary? seeded;
            try
            {
                seeded = await PictographApp.PrepareAsync(app.Services, seedDemo: true, cancellationToken, source).ConfigureAwait(false);
            }
            catch (FixtureException e)
            {
                await Console.Error.WriteLineAsync(CommonOptions.Refused(source!, e)).ConfigureAwait(false);
                return 1;
            }

            if (!empty)
            {
                Console.Error.WriteLine($"The database already holds data; nothing seeded. Issue a token with: tokens issue --user {DemoWorld.PersonalUsername}");
                return 0;
            }

            if (source is not null)
            {
                CommonOptions.PrintFixture(app.Services.GetRequiredService<CurrentFixture>().Loaded!, source);
                return 0;
            }

            Console.WriteLine($"Seeded the demo world: app {seeded!.AppId} (secret {seeded.AppSecret}).");
            Console.WriteLine($"Basic Display token for {seeded.Username}:");
            Console.WriteLine(seeded.Token);
            return 0;
        });
        return command;
    }
}
