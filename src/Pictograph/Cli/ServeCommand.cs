using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Pictograph.Fixtures;
using Pictograph.Hosting;
using Pictograph.Impersonation;
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
        var impersonate = new Option<bool>("--impersonate") { Description = "Also answer as graph.facebook.com, graph.instagram.com, api.instagram.com… over TLS (see `pictograph hosts` and `pictograph ca export`)." };
        var impersonatePort = new Option<int?>("--impersonate-port") { Description = "Port of the TLS listener (default 443; 0 picks a free one)." };
        var fixture = CommonOptions.Fixture();
        var command = new Command("serve", "Run the server (the default command). Loads the fixture (the demo world by default) into an empty data directory.")
        {
            dataDir, host, port, impersonate, impersonatePort, fixture,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonOptions.TryReadFixture(result, fixture, out var source))
            {
                return 1;
            }

            var url = $"http://{result.GetValue(host)}:{result.GetValue(port)}";
            List<string> settings = [$"--urls={url}"];
            if (result.GetValue(impersonate))
            {
                settings.Add($"--{ImpersonationOptions.Section}:{nameof(ImpersonationOptions.Enabled)}=true");
            }

            if (result.GetValue(impersonatePort) is { } tlsPort)
            {
                settings.Add($"--{ImpersonationOptions.Section}:{nameof(ImpersonationOptions.Port)}={tlsPort}");
            }

            var app = PictographApp.Build(CommonOptions.HostArgs(result, dataDir, [.. settings]));
            var options = app.Services.GetRequiredService<IOptions<PictographOptions>>().Value;
            DemoWorld.Summary? seeded;
            try
            {
                seeded = await PictographApp.PrepareAsync(app.Services, options.SeedDemo, cancellationToken, source).ConfigureAwait(false);
            }
            catch (FixtureException e)
            {
                await Console.Error.WriteLineAsync(CommonOptions.Refused(source!, e)).ConfigureAwait(false);
                return 1;
            }

            await PictographApp.SweepLeftoversAsync(app.Services, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault(a => a.StartsWith("http:", StringComparison.Ordinal)) ?? url;
            if (source is not null && app.Services.GetRequiredService<CurrentFixture>().Loaded is { } loaded)
            {
                Console.WriteLine($"Pictograph is listening on {address}");
                Console.WriteLine($"Data directory: {Path.GetFullPath(options.DataDirectory)}");
                CommonOptions.PrintFixture(loaded, source);
                Console.WriteLine();
            }
            else
            {
                PrintWelcome(address, options, seeded);
            }

            if (app.Services.GetRequiredService<ImpersonationListener>().Endpoint is { } tls)
            {
                PrintImpersonation(tls, app.Services.GetRequiredService<IOptions<ImpersonationOptions>>().Value, options);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static void PrintImpersonation(System.Net.IPEndPoint tls, ImpersonationOptions impersonation, PictographOptions options)
    {
        Console.WriteLine($"Answering as Meta's hosts over TLS on {tls} ({string.Join(", ", MetaHosts.AllNames)})");
        Console.WriteLine($"  Trust the CA: {Path.GetFullPath(Path.Combine(impersonation.CertificateDirectoryIn(options.DataDirectory), CertificateAuthority.CertificateFileName))}");
        Console.WriteLine("  Point the names at it: pictograph hosts >> /etc/hosts   (the README has each ecosystem's steps)");
        Console.WriteLine();
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
