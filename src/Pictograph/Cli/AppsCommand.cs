using System.CommandLine;

namespace Pictograph.Cli;

internal static class AppsCommand
{
    public static Command Create() => new("apps", "Manage developer apps.");
}
