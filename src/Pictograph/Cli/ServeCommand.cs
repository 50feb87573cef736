using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.Seed;

namespace Pictograph.Cli;

internal static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("serve", "Run the server (the default command). Seeds the demo world into an empty data directory.")
        {
            dataDir, host, port,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var url = $"http://{result.GetValue(host)}:{result.GetValue(port)}";
            var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir, $"--urls={url}"));
            var options = app.Services.GetRequiredService<IOptions<PictographOptions>>().Value;
            var seeded = await PictographApp.PrepareAsync(app.Services, options.SeedDemo, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
            PrintWelcome(address, options, seeded);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static void PrintWelcome(string address, PictographOptions options, DemoWorld.Summary? seeded)
    {
        Console.WriteLine($"Pictograph is listening on {address}");
        Console.WriteLine($"Data directory: {Path.GetFullPath(options.DataDirectory)}");
        if (seeded is null)
        {
            Console.WriteLine($"Get a token with: dotnet run --project src/Pictograph -- tokens issue --user {DemoWorld.PersonalUsername}");
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Seeded the demo world.");
        Console.WriteLine($"  App id:     {seeded.AppId}");
        Console.WriteLine($"  App secret: {seeded.AppSecret}");
        Console.WriteLine($"  Basic Display token for {seeded.Username} (user_profile,user_media; 60 days):");
        Console.WriteLine($"  {seeded.Token}");
        Console.WriteLine();
        Console.WriteLine($"  Sign in (OAuth dialogs, dashboard) as {seeded.Username}, example_shop or studio.creator, or as {DemoWorld.DeveloperEmail}; password: {DemoWorld.DemoPassword}");
        Console.WriteLine($"  Developer dashboard: {address}/developers/apps");
        Console.WriteLine();
        Console.WriteLine("Try:");
        Console.WriteLine($"  curl '{address}/me?fields=id,username,account_type,media_count&access_token={seeded.Token}'");
        Console.WriteLine($"  curl '{address}/v25.0/me/media?fields=id,caption,media_type,media_url,timestamp&limit=3&access_token={seeded.Token}'");
        Console.WriteLine($"  curl -g -H 'Authorization: Bearer {seeded.Token}' '{address}/me/media?fields=id,media_type,children{{media_url}}'");
        Console.WriteLine();
    }
}
