using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pictograph.Data;

namespace Pictograph.Impersonation;

/// <summary>
/// The local certificate authority that issues the TLS listener's certificates, created at first use and kept
/// in its folder: <c>ca-key.pem</c> (its key and certificate, for the owner only) and <c>ca.pem</c> (the
/// certificate alone, what clients trust). Several processes may start at once: the first one's CA wins.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.pem";
    private const string KeyFileName = "ca-key.pem";
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority LoadOrCreate(string directory, TimeProvider clock)
    {
        OwnerOnlyFiles.CreateDirectory(directory);
        var keyPath = Path.Combine(directory, KeyFileName);
        var authority = File.Exists(keyPath) ? Load(keyPath) : Create(keyPath, clock);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        if (!File.Exists(certificatePath))
        {
            WriteAtomically(certificatePath, authority.ExportPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, overwrite: true);
        }

        return authority;
    }

    /// <summary>The CA certificate as PEM, for a trust store.</summary>
    public string ExportPem() => Certificate.ExportCertificatePem();

    /// <summary>A server certificate for one host name, valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (or the CA's end).</summary>
    public X509Certificate2 Issue(string hostName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={hostName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var end = notAfter < Certificate.NotAfter ? notAfter : new DateTimeOffset(Certificate.NotAfter);
        using var issued = request.Create(Certificate, notBefore, end, serial);
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => Certificate.Dispose();

    private static CertificateAuthority Load(string keyPath)
    {
        var pem = File.ReadAllText(keyPath);
        return new CertificateAuthority(X509Certificate2.CreateFromPem(pem, pem));
    }

    private static CertificateAuthority Create(string keyPath, TimeProvider clock)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A short random tag tells this CA from another Pictograph's in a trust store.
        var name = new X500DistinguishedName($"CN=Pictograph local CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}, O=Pictograph");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = clock.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now + Validity);
        var pem = key.ExportPkcs8PrivateKeyPem() + "\n" + created.ExportCertificatePem() + "\n";
        if (!WriteAtomically(keyPath, pem, UnixFileMode.UserRead | UnixFileMode.UserWrite, overwrite: false))
        {
            // Another process created it first: use that one, so every process presents the same CA.
            return Load(keyPath);
        }

        return new CertificateAuthority(X509Certificate2.CreateFromPem(pem, pem));
    }

    /// <summary>Writes a temporary file and renames it into place; false when the file existed and was kept.</summary>
    private static bool WriteAtomically(string path, string text, UnixFileMode mode, bool overwrite)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(text);
        }

        try
        {
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
