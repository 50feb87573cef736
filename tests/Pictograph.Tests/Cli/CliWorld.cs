using System.Text.RegularExpressions;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary>
/// One data directory seeded by a real <c>pictograph seed</c> process, with the server started in-process
/// on it, shared by the CLI tests that need seeded data (each process start costs seconds).
/// </summary>
public sealed partial class CliWorld : IAsyncLifetime
{
    public string DataDirectory { get; } = PictographCli.NewDataDirectory();

    /// <summary>What the seeding run printed.</summary>
    public CliResult Seed { get; private set; } = null!;

    /// <summary>The demo token the seeding run printed.</summary>
    public string Token => TokenLine().Match(Seed.StandardOutput).Value;

    /// <summary>A Basic Display token alone on its line, as the CLI prints it.</summary>
    [GeneratedRegex(@"^IGQVJ[A-Za-z0-9_-]{40,}$", RegexOptions.Multiline)]
    public static partial Regex TokenLine();

    /// <summary>The server on <see cref="DataDirectory"/>; it sees what later CLI runs write to the database.</summary>
    public DataDirectoryServer Server => _server ?? throw new InvalidOperationException($"seed failed, so no server was started: {Seed}");

    private DataDirectoryServer? _server;

    public async Task InitializeAsync()
    {
        Seed = await PictographCli.RunAsync("seed", "--data-dir", DataDirectory);
        if (Seed.ExitCode == 0)
        {
            _server = await DataDirectoryServer.StartAsync(DataDirectory);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        PictographCli.DeleteDataDirectory(DataDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliWorld>
{
    public const string Name = "seeded data directory";
}
