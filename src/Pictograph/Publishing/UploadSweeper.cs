namespace Pictograph.Publishing;

/// <summary>
/// Deletes abandoned resumable uploads (see <see cref="ResumableUploads.SweepAsync"/>) at start and every hour
/// of the server's clock, so a file outlives its expired container by an hour at most.
/// </summary>
public sealed partial class UploadSweeper(ResumableUploads uploads, TimeProvider clock, ILogger<UploadSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                await SweepQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SweepQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await uploads.SweepAsync(cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogSwept(deleted);
            }
        }
#pragma warning disable CA1031 // A failed sweep (a busy database, a file system hiccup) waits for the next one.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSweepFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned resumable uploads")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping abandoned resumable uploads failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception e);
}
