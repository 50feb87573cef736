using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>
/// Records insight events off the request path: <see cref="Record"/> only puts the event in a bounded
/// in-memory channel (never waiting, never throwing); <see cref="InsightWriter"/> writes what is queued
/// in one batch about every second and on shutdown. When the channel is full, new events are dropped,
/// as an overloaded analytics pipeline loses samples rather than slowing the feed down.
/// </summary>
public sealed partial class InsightRecorder(IDbContextFactory<PictographDb> dbFactory, TimeProvider clock, ViewCounting views, ILogger<InsightRecorder> logger)
{
    private const int Capacity = 50_000;

    private readonly Channel<InsightEvent> _queue = Channel.CreateBounded<InsightEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // One writer at a time, so a flush returns only once everything queued before it is in the database.
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>
    /// Queues an event. <see cref="InsightEvent.AccountId"/> 0 means "the owner of <see cref="InsightEvent.MediaId"/>",
    /// looked up when the batch is written, so a media file request needs no query of its own.
    /// </summary>
    public void Record(InsightEvent insightEvent)
    {
        if (insightEvent.CreatedAt == 0)
        {
            insightEvent.CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds();
        }

        if (!_queue.Writer.TryWrite(insightEvent))
        {
            LogDropped(insightEvent.Kind);
        }
    }

    /// <summary>
    /// A view of a media item (its file or its permalink page) by <paramref name="viewerId"/> when signed in, from
    /// <paramref name="address"/>; recorded only when it counts (<see cref="ViewCounting"/>).
    /// </summary>
    public void RecordView(long mediaId, long? viewerId, System.Net.IPAddress? address)
    {
        if (views.Counts(mediaId, viewerId, address))
        {
            Record(new InsightEvent { MediaId = mediaId, ActorId = viewerId, Kind = InsightEventKinds.View });
        }
    }

    /// <summary>Writes everything queued so far; tests call it to read their own events deterministically.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = new List<InsightEvent>();
            while (_queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteAsync(List<InsightEvent> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var mediaIds = batch.Where(e => e.MediaId is not null).Select(e => e.MediaId!.Value).Distinct().ToList();
        // One lookup per batch: owners for views, and album children mapped to their album (children have no insights).
        var media = await db.Media.AsNoTracking()
            .Where(m => mediaIds.Contains(m.Id))
            .Select(m => new { m.Id, m.OwnerId, m.ParentId })
            .ToDictionaryAsync(m => m.Id, cancellationToken).ConfigureAwait(false);
        var accountIds = batch.Where(e => e.AccountId != 0).Select(e => e.AccountId).Distinct().ToList();
        var accounts = (await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();

        var kept = new List<InsightEvent>(batch.Count);
        foreach (var e in batch)
        {
            if (e.MediaId is { } mediaId)
            {
                // Media deleted since: nothing to count it in.
                if (!media.TryGetValue(mediaId, out var found))
                {
                    continue;
                }

                e.MediaId = found.ParentId ?? found.Id;
                if (e.AccountId == 0)
                {
                    e.AccountId = found.OwnerId;
                    accounts.Add(found.OwnerId);
                }
            }

            if (accounts.Contains(e.AccountId))
            {
                kept.Add(e);
            }
        }

        await InsightEventRows.InsertAsync(db, kept, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insight event queue full: a {Kind} event was dropped")]
    private partial void LogDropped(string kind);
}
