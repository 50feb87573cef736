using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Runs ffmpeg or ffprobe with an argument list (no shell, so nothing in a file name is ever interpreted),
/// a deadline after which the process is killed, and bounded capture of what it prints.
/// </summary>
internal static class ExternalProcess
{
    /// <summary>ffprobe's JSON for a sane file is a few kilobytes; a hostile one must not fill memory.</summary>
    private const int MaxCapturedChars = 1024 * 1024;

    public sealed record Outcome(int ExitCode, string Output, string Errors);

    /// <exception cref="TimeoutException">The process ran past <paramref name="timeout"/> and was killed.</exception>
    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {program}; set Pictograph:Publishing:FfmpegPath/FfprobePath or install ffmpeg.", e);
        }

        process.StandardInput.Close();
        var output = CaptureAsync(process.StandardOutput);
        var errors = CaptureAsync(process.StandardError);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0.#} s.");
        }

        return new Outcome(process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }

    /// <summary>Keeps the first <see cref="MaxCapturedChars"/> and drains the rest, so the process never blocks on a full pipe.</summary>
    private static async Task<string> CaptureAsync(StreamReader reader)
    {
        var captured = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            captured.Append(buffer, 0, Math.Min(read, MaxCapturedChars - captured.Length));
        }

        return captured.ToString();
    }
}
