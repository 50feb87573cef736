namespace Pictograph.Insights;

/// <summary>Writes the recorder's queue about every second, and once more on shutdown.</summary>
public sealed partial class InsightWriter(InsightRecorder recorder, ILogger<InsightWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the server's TimeProvider: a test's frozen clock must not stop the writer.
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushQuietlyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Analytics must never take the server down: a failed batch is logged and dropped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFlushFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing insight events failed; the batch was dropped")]
    private partial void LogFlushFailed(Exception exception);
}
