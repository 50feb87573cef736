using System.Security.Cryptography;
using System.Text;
using Pictograph.Graph.Errors;

namespace Pictograph.Auth;

/// <summary>
/// <c>appsecret_proof</c> = hex(HMAC-SHA256(app secret, token)), or with <c>appsecret_time</c> the
/// time-stamped form over <c>token|time</c>, which expires after five minutes.
/// </summary>
public static class AppSecretProof
{
    public static readonly TimeSpan TimeStampedLifetime = TimeSpan.FromMinutes(5);

    public static string Compute(string appSecret, string token, long? time = null)
    {
        var message = time is { } t ? $"{token}|{t}" : token;
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>Checks a proof when one is sent, and demands one when the app requires it.</summary>
    public static void Check(string? proof, string? time, string token, string appSecret, bool required, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(proof))
        {
            if (required)
            {
                throw Invalid("API calls from the server require an appsecret_proof argument");
            }

            return;
        }

        long? stamp = null;
        if (!string.IsNullOrEmpty(time))
        {
            if (!long.TryParse(time, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                throw Invalid("Invalid appsecret_time provided in the API argument");
            }

            var age = now.ToUnixTimeSeconds() - seconds;
            if (age > TimeStampedLifetime.TotalSeconds || age < -TimeStampedLifetime.TotalSeconds)
            {
                throw Invalid("The appsecret_time provided in the API argument has expired");
            }

            stamp = seconds;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(appSecret, token, stamp));
        var given = Encoding.ASCII.GetBytes(proof.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            throw Invalid("Invalid appsecret_proof provided in the API argument");
        }
    }

    private static GraphException Invalid(string message) =>
        new(new GraphError(100, message) { Type = "GraphMethodException" });
}
