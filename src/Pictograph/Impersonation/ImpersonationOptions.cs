using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Pictograph.Impersonation;

/// <summary>The TLS listener that answers as Meta's hosts (section "Pictograph:Impersonation"; <c>serve --impersonate</c>).</summary>
public sealed class ImpersonationOptions : IValidatableObject
{
    public const string Section = "Pictograph:Impersonation";

    public bool Enabled { get; set; }

    /// <summary>Address of the TLS listener; the hosts-file lines point the Meta names at it.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port of the TLS listener: 443, where clients of Meta's hosts connect (0 picks a free one).</summary>
    [Range(0, 65_535)]
    public int Port { get; set; } = 443;

    /// <summary>
    /// Folder of the local certificate authority; empty means "tls" in the data directory. Data directories
    /// that name the same folder share one CA, so a client trusts it once (e.g. one data directory per test run).
    /// </summary>
    public string? CertificateDirectory { get; set; }

    public string CertificateDirectoryIn(string dataDirectory) =>
        string.IsNullOrWhiteSpace(CertificateDirectory) ? Path.Combine(dataDirectory, "tls") : CertificateDirectory;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult($"The field Address must be an IP address (e.g. 127.0.0.1), not '{Address}'.", [nameof(Address)]);
        }
    }
}
