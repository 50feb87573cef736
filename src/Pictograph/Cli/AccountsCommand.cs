using System.CommandLine;

namespace Pictograph.Cli;

internal static class AccountsCommand
{
    public static Command Create() => new("accounts", "Manage Instagram accounts and Facebook users.");
}
