using System.Text;

namespace Pictograph.Control.Inspector;

/// <summary>Hides tokens and secrets in what the inspector keeps, leaving enough to tell them apart.</summary>
public static class SecretMask
{
    /// <summary>Query parameters whose values are credentials.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "input_token", "fb_exchange_token", "client_secret", "code", "appsecret_proof", "refresh_token", "password",
    };

    /// <summary>The first four characters and the last four (<c>IGQV…a1b2</c>); a short value only its last two.</summary>
    public static string Token(string value) =>
        value.Length >= 16 ? $"{value[..4]}…{value[^4..]}" : value.Length >= 6 ? $"…{value[^2..]}" : "…";

    /// <summary>Longest path and query kept, so the ring's memory stays bounded whatever the URL limit is.</summary>
    public const int MaxKept = 2048;

    /// <summary>The path and query as sent, with each secret parameter's value masked (and cut at <see cref="MaxKept"/>).</summary>
    public static string PathAndQuery(string path, string? query)
    {
        var shown = Masked(path, query);
        return shown.Length > MaxKept ? shown[..MaxKept] + "…" : shown;
    }

    private static string Masked(string path, string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return path;
        }

        var shown = new StringBuilder(path).Append('?');
        var first = true;
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (!first)
            {
                shown.Append('&');
            }

            first = false;
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            if (equals < 0 || !Secret.Contains(Uri.UnescapeDataString(name.Replace('+', ' '))))
            {
                shown.Append(part);
                continue;
            }

            shown.Append(name).Append('=').Append(Token(Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '))));
        }

        return shown.ToString();
    }
}
