using System.Globalization;

namespace Pictograph.Dashboard;

/// <summary>The dashboard's URLs, in one place for routes, links and redirects.</summary>
internal static class DashboardPaths
{
    public const string Root = "/developers";
    public const string SignIn = Root + "/signin";
    public const string SignOut = Root + "/signout";
    public const string Apps = Root + "/apps";

    public static string App(long appId) => $"{Apps}/{appId.ToString(CultureInfo.InvariantCulture)}";

    public static string App(long appId, string rest) => $"{App(appId)}/{rest}";

    /// <summary>Only dashboard paths may be a sign-in's "next" step, so the form is no open redirect.</summary>
    public static bool IsDashboardPath(string? path) =>
        path is not null
        && (path == Root || path.StartsWith(Root + "/", StringComparison.Ordinal))
        && !path.Any(char.IsControl);
}
