using System.Globalization;
using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Paging;

/// <summary>Reads <c>since</c>/<c>until</c>: unix seconds, or a date/time text (the strtotime subset clients send).</summary>
public static class TimeParameter
{
    public static long Parse(string name, string text)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        // Dates only in ISO shape (2024-05-01, 2024-05-01T12:00:00Z): culture guesses such as "1.5" are refused.
        if (text.Length is >= 10 and <= 64 && char.IsAsciiDigit(text[0]) && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return time.ToUnixTimeSeconds();
        }

        throw GraphErrors.InvalidParameter($"The parameter {name} must be a unix timestamp or a date, not \"{GraphErrors.Excerpt(text, 40)}\"");
    }
}
