using System.Diagnostics;
using Pictograph.Hosting;

namespace Pictograph.Tests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>Runs the built <c>pictograph</c> executable as a real process: <c>dotnet pictograph.dll …</c>.</summary>
public static class PictographCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The server's assembly as built next to the tests (it has its runtimeconfig beside it).</summary>
    public static string DllPath => Path.Combine(Path.GetDirectoryName(typeof(PictographApp).Assembly.Location)!, "pictograph.dll");

    /// <summary>The dotnet host running these tests, so the child uses the same runtime.</summary>
    private static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>Runs a command to its end (killing it after the timeout) and collects its output.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pictograph {string.Join(' ', args)} did not finish within {DefaultTimeout.TotalSeconds} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A fresh temp folder for a <c>--data-dir</c>.</summary>
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "pictograph-cli-tests", Guid.NewGuid().ToString("N"));

    public static void DeleteDataDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
