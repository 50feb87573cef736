using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.RateLimits;

/// <summary>The usage budgets the meter charges against (see the settings of the same names in <see cref="PictographOptions"/>).</summary>
public sealed record UsageBudgets(
    TimeSpan Window,
    int AppCallsPerUser,
    int AppMinimumUsers,
    TimeSpan CpuTimePerUser,
    TimeSpan TotalTimePerUser,
    int UserCallsPerWindow,
    int BusinessCallsPerWindow,
    TimeSpan BusinessWindow)
{
    public static UsageBudgets From(PictographOptions options) => new(
        options.RateLimitWindow, options.AppCallsPerUser, options.AppMinimumUsers, options.CpuTimePerUser, options.TotalTimePerUser,
        options.UserCallsPerWindow, options.BusinessCallsPerWindow, options.BusinessWindow);
}

/// <summary>The budgets in force: the configured ones until the control API changes them, without a restart.</summary>
public sealed class RateLimitBudgets(IOptions<PictographOptions> options)
{
    private UsageBudgets? _changed;

    public UsageBudgets Configured => UsageBudgets.From(options.Value);

    public UsageBudgets Current => Volatile.Read(ref _changed) ?? Configured;

    public void Set(UsageBudgets budgets) => Volatile.Write(ref _changed, budgets);

    /// <summary>Back to the configured budgets.</summary>
    public void Reset() => Volatile.Write(ref _changed, null);
}
