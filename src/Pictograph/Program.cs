return await Pictograph.Cli.CliApp.RunAsync(args);
