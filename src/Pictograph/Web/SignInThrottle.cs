using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Web;

/// <summary>
/// Sign-in attempts are throttled per client address, so passwords cannot be guessed at speed, and failures
/// per account (<see cref="AccountSignInLimit"/>), so many addresses cannot guess one account's password either.
/// </summary>
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<PictographOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddSingleton<AccountSignInLimit>();
        return services;
    }
}
