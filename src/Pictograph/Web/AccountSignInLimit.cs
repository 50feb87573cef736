using System.Globalization;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.RateLimits;

namespace Pictograph.Web;

/// <summary>
/// Failed sign-ins counted per account (whatever the client address), in fixed windows of
/// <see cref="PictographOptions.SignInFailureWindow"/>: past <see cref="PictographOptions.SignInFailuresPerAccount"/>
/// failures, the account's sign-in is held until the window ends, so guessing from many addresses is slow while
/// the person is never locked out for longer than one window. Unknown logins are counted the same way, so a
/// held answer says nothing about whether the account exists.
/// </summary>
public sealed class AccountSignInLimit(IUsageCounterStore counters, IOptions<PictographOptions> options, TimeProvider clock)
{
    /// <summary>The counter key of a sign-in form's account: the person when found, else what was typed, normalised.</summary>
    public static string Key(string kind, long? personId, string login) =>
        personId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"{kind}:{id}")
            : "login:" + login.Trim().ToLowerInvariant();

    /// <summary>The message to show instead of checking the password while the account is held, or null when it is not.</summary>
    public async ValueTask<string?> HeldAsync(string key, CancellationToken cancellationToken)
    {
        var (window, minutesLeft) = Window();
        var failures = await counters.GetAsync(CounterKey(key), window, cancellationToken).ConfigureAwait(false);
        return failures < options.Value.SignInFailuresPerAccount
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Too many failed attempts to sign in to this account. Wait {minutesLeft} minute{(minutesLeft == 1 ? "" : "s")} and try again.");
    }

    public async ValueTask FailedAsync(string key, CancellationToken cancellationToken) =>
        await counters.IncrementAsync(CounterKey(key), Window().Number, 1, cancellationToken).ConfigureAwait(false);

    private static string CounterKey(string key) => "sign-in-failures:" + key;

    private (long Number, long MinutesLeft) Window()
    {
        var length = (long)options.Value.SignInFailureWindow.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var number = now / length;
        var left = ((number + 1) * length) - now;
        return (number, Math.Max(1, (left + 59_999) / 60_000));
    }
}
