using System.CommandLine;

namespace Pictograph.Cli;

/// <summary><c>pictograph [serve|seed|tokens issue]</c>; with no command it serves.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Pictograph: a self-hosted server that speaks the Instagram Platform APIs.");
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(TokensCommand.Create());
        root.Subcommands.Add(AppsCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        root.Subcommands.Add(WebhooksCommand.Create());
        root.Subcommands.Add(CoverageCommand.Create());
        root.Subcommands.Add(CaCommand.Create());
        root.Subcommands.Add(HostsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());

        // No command at all (or only options) means "serve", the everyday use.
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")))
        {
            args = ["serve", .. args];
        }

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (StartupFailure.Describe(e) is { } line)
        {
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return 2;
        }
    }
}
