using System.Net;
using System.Security.Cryptography.X509Certificates;
using Pictograph.Impersonation;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Impersonation;

/// <summary>The local CA and the leaf certificates the TLS listener presents per host name.</summary>
public sealed class CertificateTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Each_meta_host_gets_its_own_leaf_issued_by_the_exported_ca()
    {
        await using var own = await OwnServer.StartAsync(MetaClient.Arguments);
        var server = own.Server;
        var ca = server.ExportedCa();
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(ca.HasPrivateKey);
        var now = server.Clock.GetUtcNow();

        foreach (var name in MetaHosts.AllNames)
        {
            using var leaf = await server.HandshakeAsync(name);
            Assert.Equal(ca.Subject, leaf.Issuer);
            Assert.Equal(name, leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false));
            Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.Contains(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
            Assert.InRange(leaf.NotBefore.ToUniversalTime(), now.UtcDateTime.AddHours(-2), now.UtcDateTime);
            Assert.InRange(leaf.NotAfter.ToUniversalTime(), now.UtcDateTime.AddDays(6), now.UtcDateTime.AddDays(8));
            Assert.True(MetaClient.TrustsOnly(ca, leaf, now, System.Net.Security.SslPolicyErrors.None));
        }

        // The CA's key is its owner's alone.
        var key = Path.Combine(server.DataDirectory, "tls", "ca-key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task A_leaf_near_its_end_or_expired_is_issued_again_by_the_servers_clock()
    {
        await using var own = await OwnServer.StartAsync(MetaClient.Arguments);
        var server = own.Server;
        using var first = await server.HandshakeAsync("graph.instagram.com");
        using (var again = await server.HandshakeAsync("graph.instagram.com"))
        {
            Assert.Equal(first.SerialNumber, again.SerialNumber);
        }

        server.Clock.Advance(TimeSpan.FromDays(6));
        using var renewed = await server.HandshakeAsync("graph.instagram.com");
        Assert.NotEqual(first.SerialNumber, renewed.SerialNumber);
        Assert.True(renewed.NotAfter > first.NotAfter);

        server.Clock.Advance(TimeSpan.FromDays(30));
        using var afterExpiry = await server.HandshakeAsync("graph.instagram.com");
        Assert.True(afterExpiry.NotBefore.ToUniversalTime() <= server.Clock.GetUtcNow().UtcDateTime);
        Assert.True(afterExpiry.NotAfter.ToUniversalTime() > server.Clock.GetUtcNow().UtcDateTime);

        // And a client trusting only the CA, at the moved clock, gets through.
        using var client = server.CreateMetaClient();
        using var response = await client.GetAsync($"https://graph.instagram.com/me?fields=id&access_token={server.Demo.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Data_directories_naming_one_certificate_folder_share_one_ca()
    {
        var shared = Path.Combine(Path.GetTempPath(), "pictograph-tests", "ca-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] args = [.. MetaClient.Arguments, $"--Pictograph:Impersonation:CertificateDirectory={shared}"];
            await using var a = await OwnServer.StartAsync(args);
            await using var b = await OwnServer.StartAsync(args);
            using var fromA = await a.Server.HandshakeAsync("graph.facebook.com");
            using var fromB = await b.Server.HandshakeAsync("graph.facebook.com");
            Assert.Equal(fromA.Issuer, fromB.Issuer);
            Assert.False(File.Exists(Path.Combine(a.Server.DataDirectory, "tls", "ca.pem")));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }
}
