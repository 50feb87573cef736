using System.Globalization;
using System.Xml;

namespace Pictograph.Control.Clock;

/// <summary>
/// Spans as people write them in fixtures and control calls: "250ms", "90s", "15m", "2h", "3d", "1w" (a leading
/// "-" or "+" allowed), a number of seconds, or an ISO 8601 duration ("PT1H30M").
/// </summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        text = text.Trim();
        var sign = 1;
        if (text[0] is '-' or '+')
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
            if (text.Length == 0)
            {
                return false; // a sign alone (found by fuzzing)
            }
        }

        if (text.StartsWith('P'))
        {
            try
            {
                span = XmlConvert.ToTimeSpan(text) * sign;
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        var millis = text.EndsWith("ms", StringComparison.Ordinal);
        var unit = millis ? 'l' : char.IsAsciiLetter(text[^1]) ? text[^1] : 's';
        var digits = millis ? text[..^2] : char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || double.IsInfinity(amount))
        {
            return false;
        }

        double? seconds = unit switch
        {
            'l' => amount / 1000,
            's' => amount,
            'm' => amount * 60,
            'h' => amount * 3600,
            'd' => amount * 86_400,
            'w' => amount * 7 * 86_400,
            _ => null,
        };
        // Ten thousand years bounds every span, so adding it to a date cannot overflow.
        if (seconds is not { } s || s > 315_576_000_000)
        {
            return false;
        }

        span = TimeSpan.FromSeconds(s * sign);
        return true;
    }
}
