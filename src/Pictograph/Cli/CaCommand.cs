using System.CommandLine;
using Pictograph.Hosting;
using Pictograph.Impersonation;

namespace Pictograph.Cli;

/// <summary><c>ca export [--out FILE]</c>: the local CA's certificate as PEM (created at first use), for clients to trust.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var output = new Option<string?>("--out") { Description = "File to write the PEM certificate to (default: standard output)." };
        var export = new Command("export", "Write the CA certificate that the TLS listener's certificates chain to.") { dataDir, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (result, cancellationToken) =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            var pem = host.Services.GetRequiredService<CertificateAuthority>().ExportPem() + "\n";
            if (result.GetValue(output) is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, pem, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"Wrote the CA certificate to {Path.GetFullPath(path)}").ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteAsync(pem).ConfigureAwait(false);
            }

            return 0;
        });
        return new Command("ca", "The local certificate authority of the TLS listener that answers as Meta's hosts.") { export };
    }
}
