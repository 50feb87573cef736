using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>
/// App secrets at rest: the database holds each one encrypted with the data directory's data-protection
/// keys, so a copy of the database alone (a backup, a snapshot, a stray file) gives no app's secret away.
/// The server and its tools read them back here; the dashboard can still show them to administrators.
/// </summary>
public sealed class AppSecrets(IDataProtectionProvider protection)
{
    /// <summary>Marks a protected value (and its format) apart from a plaintext one written before secrets were encrypted.</summary>
    private const string Prefix = "dp1:";

    private const int MaxRevealed = 10_000;

    private readonly IDataProtector _protector = protection.CreateProtector("Pictograph.AppSecret.v1");

    // Unprotecting costs an AES and an HMAC; apps are few and their stored values change only on a reset.
    private readonly ConcurrentDictionary<string, string> _revealed = new(StringComparer.Ordinal);

    /// <summary>A fresh app secret: 128 random bits as 32 hex digits, the shape of Meta's.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The form to store.</summary>
    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    /// <summary>The app's secret in plain text.</summary>
    public string Reveal(App app)
    {
        var stored = app.StoredSecret;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        if (_revealed.TryGetValue(stored, out var secret))
        {
            return secret;
        }

        if (_revealed.Count >= MaxRevealed)
        {
            _revealed.Clear();
        }

        return _revealed[stored] = _protector.Unprotect(stored[Prefix.Length..]);
    }

    /// <summary>Compares in constant time.</summary>
    public bool Matches(App app, string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(Reveal(app)), System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>Encrypts the secrets a database from before this change still holds in plain text (at start).</summary>
    public async Task ProtectStoredAsync(PictographDb db, CancellationToken cancellationToken)
    {
        var plain = await db.Apps.Where(a => !a.StoredSecret.StartsWith(Prefix)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var app in plain)
        {
            app.StoredSecret = Protect(app.StoredSecret);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
