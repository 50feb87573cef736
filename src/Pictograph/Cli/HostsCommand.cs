using System.CommandLine;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.Impersonation;

namespace Pictograph.Cli;

/// <summary><c>hosts</c>: the hosts-file line that points Meta's names at the TLS listener.</summary>
internal static class HostsCommand
{
    /// <summary>Ends each line, so the lines can be found and removed again.</summary>
    public const string Marker = "# pictograph";

    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("hosts", $"Print the hosts-file line for Meta's names (append it to /etc/hosts; remove it with: sed -i '/{Marker}$/d' /etc/hosts).") { dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async result =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            var address = host.Services.GetRequiredService<IOptions<ImpersonationOptions>>().Value.Address;
            Console.WriteLine($"{address} {string.Join(' ', MetaHosts.AllNames)} {Marker}");
            return 0;
        });
        return command;
    }
}
