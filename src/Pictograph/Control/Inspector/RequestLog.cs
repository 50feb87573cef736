using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Pictograph.Control.Inspector;

/// <summary>
/// The inspector's memory: the most recent requests in a ring of a fixed size (older ones make room, so memory
/// stays bounded however long the server runs), and live listeners for the tail.
/// </summary>
public sealed class RequestLog(IOptions<InspectorOptions> options, IHostApplicationLifetime lifetime)
{
    /// <summary>A slow tail listener loses its oldest unsent requests rather than holding memory.</summary>
    private const int ListenerBacklog = 1024;

    private readonly Lock _gate = new();
    private readonly InspectedRequest?[] _ring = new InspectedRequest?[options.Value.InspectorRequests];
    private readonly List<Channel<InspectedRequest>> _listeners = [];
    private long _last;

    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest request (0 before the first).</summary>
    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Keeps a request, giving it the next sequence number, and tells the listeners.</summary>
    public InspectedRequest Add(Func<long, InspectedRequest> create)
    {
        InspectedRequest request;
        Channel<InspectedRequest>[] listeners;
        lock (_gate)
        {
            request = create(++_last);
            if (_ring.Length > 0)
            {
                _ring[(_last - 1) % _ring.Length] = request;
            }

            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(request);
        }

        return request;
    }

    /// <summary>
    /// The kept requests that pass the filter, oldest first: the first <see cref="RequestFilter.Limit"/> after
    /// <see cref="RequestFilter.After"/> when it is given, else the newest ones.
    /// </summary>
    public IReadOnlyList<InspectedRequest> Find(RequestFilter filter)
    {
        lock (_gate)
        {
            return FindKept(filter);
        }
    }

    private List<InspectedRequest> FindKept(RequestFilter filter)
    {
        var oldest = Math.Max(1, _last - _ring.Length + 1);
        var found = new List<InspectedRequest>();
        if (filter.After is { } after)
        {
            for (var sequence = Math.Max(oldest, after + 1); sequence <= _last && found.Count < filter.Limit; sequence++)
            {
                AddIfMatching(sequence);
            }

            return found;
        }

        for (var sequence = _last; sequence >= oldest && found.Count < filter.Limit; sequence--)
        {
            AddIfMatching(sequence);
        }

        found.Reverse();
        return found;

        void AddIfMatching(long sequence)
        {
            if (_ring[(sequence - 1) % _ring.Length] is { } request && filter.Matches(request))
            {
                found.Add(request);
            }
        }
    }

    /// <summary>Forgets every kept request (sequence numbers go on, so a tail's position stays meaningful).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
        }
    }

    /// <summary>
    /// The requests after <paramref name="after"/> that are still kept, then every new one as it comes, until
    /// <paramref name="cancellationToken"/> ends or the server stops (a tail would otherwise hold up its shutdown).
    /// The tail listens from this call on, not from the first read, so a request answered in between is not missed;
    /// none is sent twice.
    /// </summary>
    public IAsyncEnumerable<InspectedRequest> TailAsync(RequestFilter filter, long? after, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<InspectedRequest>(new BoundedChannelOptions(ListenerBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        IReadOnlyList<InspectedRequest> replay;
        long position;
        lock (_gate)
        {
            _listeners.Add(channel);
            replay = after is { } from ? FindKept(filter with { After = from, Limit = Math.Max(1, _ring.Length) }) : [];
            position = _last;
        }

        var ends = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        // A tail that is never read still stops listening when its request ends.
        ends.Token.Register(() => StopListening(channel));
        return ReadAsync(channel, replay, position, filter, ends);
    }

    private void StopListening(Channel<InspectedRequest> channel)
    {
        lock (_gate)
        {
            _listeners.Remove(channel);
        }
    }

    private async IAsyncEnumerable<InspectedRequest> ReadAsync(Channel<InspectedRequest> channel, IReadOnlyList<InspectedRequest> replay, long position, RequestFilter filter, CancellationTokenSource ends)
    {
        try
        {
            foreach (var request in replay)
            {
                yield return request;
            }

            while (await WaitAsync(channel.Reader, ends.Token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var request))
                {
                    if (request.Sequence > position && filter.Matches(request))
                    {
                        yield return request;
                    }
                }
            }
        }
        finally
        {
            StopListening(channel);
            ends.Dispose();
        }
    }

    /// <summary>Whether more may come: false once the listener or the server is done.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<InspectedRequest> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
