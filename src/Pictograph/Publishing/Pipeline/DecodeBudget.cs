using System.Threading.RateLimiting;

namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// The memory the image decodes running at once may take together, handed out in MiB: a decode waits,
/// oldest first, until its share is free, so a queue of pictures costs the budget at most.
/// </summary>
internal sealed class DecodeBudget(int megabytes) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = megabytes,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public int Megabytes { get; } = megabytes;

    /// <summary>Waits for <paramref name="share"/> MiB (at most <see cref="Megabytes"/>); disposing the lease gives them back.</summary>
    public async Task<RateLimitLease> AcquireAsync(int share, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(share, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The decode queue is full.");
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
