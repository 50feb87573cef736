using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Pictograph.Impersonation;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>pictograph ca export</c>, <c>pictograph hosts</c> and a TLS port that cannot be bound.</summary>
public sealed class ImpersonationCommandTests : IDisposable
{
    private readonly string _dataDirectory = PictographCli.NewDataDirectory();

    public void Dispose() => PictographCli.DeleteDataDirectory(_dataDirectory);

    [Fact]
    public async Task Ca_export_creates_the_ca_at_first_use_and_writes_the_same_certificate_every_time()
    {
        var file = Path.Combine(_dataDirectory, "exported.pem");
        Directory.CreateDirectory(_dataDirectory);
        var toFile = await PictographCli.RunAsync("ca", "export", "--data-dir", _dataDirectory, "--out", file);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        var toStdout = await PictographCli.RunAsync("ca", "export", "--data-dir", _dataDirectory);
        Assert.True(toStdout.ExitCode == 0, toStdout.ToString());

        using var exported = X509Certificate2.CreateFromPem(File.ReadAllText(file));
        using var printed = X509Certificate2.CreateFromPem(toStdout.StandardOutput);
        Assert.Equal(exported.Thumbprint, printed.Thumbprint);
        Assert.True(exported.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.DoesNotContain("PRIVATE KEY", toStdout.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(_dataDirectory, "tls", "ca.pem")).Trim(), toStdout.StandardOutput.Trim());
    }

    [Fact]
    public async Task Hosts_prints_one_marked_line_with_every_meta_host_at_the_listeners_address()
    {
        var result = await PictographCli.RunAsync("hosts", "--data-dir", _dataDirectory, "--Pictograph:Impersonation:Address=127.0.0.7");
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"127.0.0.7 {string.Join(' ', MetaHosts.AllNames)} # pictograph", line);
    }

    [Fact]
    public async Task A_tls_port_in_use_is_one_line_naming_the_option_for_it()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = await PictographCli.RunAsync("serve", "--port", "0", "--impersonate", "--impersonate-port", port, "--data-dir", _dataDirectory);

        Assert.Equal(2, result.ExitCode);
        var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("warn:", StringComparison.Ordinal) && !l.StartsWith("No XML encryptor", StringComparison.Ordinal)
                && !l.StartsWith("Overriding address", StringComparison.Ordinal))
            .ToList();
        Assert.Equal([$"Cannot listen: https://127.0.0.1:{port} is already in use (is another server running there?); choose another port with --impersonate-port."], errors);
    }
}
