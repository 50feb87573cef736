namespace Pictograph.Webhooks;

/// <summary>
/// When a failed delivery is tried again: soon at first, then less and less often (10 s, 30 s, 2 min, 10 min,
/// 30 min, then hourly), for up to 36 hours from the event, as Meta retries.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(36);

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
    ];

    /// <summary>The next try after <paramref name="attempts"/> failed ones, or null when the delivery is given up.</summary>
    public static DateTimeOffset? Next(DateTimeOffset createdAt, int attempts, DateTimeOffset now)
    {
        var next = now + Delays[Math.Clamp(attempts, 1, Delays.Length) - 1];
        return next <= createdAt + GiveUpAfter ? next : null;
    }
}
