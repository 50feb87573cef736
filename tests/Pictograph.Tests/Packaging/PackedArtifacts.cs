using System.Diagnostics;

namespace Pictograph.Tests.Packaging;

/// <summary>What scripts/pack builds, built once for the test class into a temporary folder.</summary>
public sealed class PackedArtifacts : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("pictograph-pack-").FullName;

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await Run(Path.Combine(RepositoryRoot, "scripts", "pack"), [Folder], TimeSpan.FromMinutes(30));
        Assert.True(exitCode == 0, $"scripts/pack failed ({exitCode}):\n{output}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs a program to its end; its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pictograph.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Pictograph.slnx) is not above the test assembly.");
    }
}
