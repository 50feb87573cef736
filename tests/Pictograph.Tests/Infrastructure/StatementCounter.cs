using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pictograph.Data.Connections;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// Records the SQL statements EF Core and the direct reads run against one server's database (other servers share the
/// process). The job runner's polling is left out: it runs on its own schedule, not for a request.
/// </summary>
public sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _dataDirectory;
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<string> _statements = new();

    public StatementCounter(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => _statements.Count;

    /// <summary>The statements recorded since the <paramref name="from"/>-th.</summary>
    public IReadOnlyList<string> Since(int from) => [.. _statements.Skip(from)];

    /// <summary>
    /// The statements of the run of <paramref name="call"/> that issued the fewest, of <paramref name="runs"/>
    /// made after one warm-up call has filled the caches (a cache entry expiring mid-test adds a lookup to one run).
    /// </summary>
    public async Task<IReadOnlyList<string>> FewestOfAsync(Func<Task> call, int runs)
    {
        // EF Core re-checks for diagnostic listeners once its logging cache time (1 s) has passed on a context.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await call();
        IReadOnlyList<string>? fewest = null;
        for (var run = 0; run < runs; run++)
        {
            var before = Count;
            await call();
            var statements = Since(before);
            if (fewest is null || statements.Count < fewest.Count)
            {
                fewest = statements;
            }
        }

        return fewest ?? [];
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name is DbLoggerCategory.Name or DirectCommands.ListenerName)
        {
            _subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        var (connection, sql) = value switch
        {
            { Key: var key, Value: CommandExecutedEventData data } when key == RelationalEventId.CommandExecuted.Name => (data.Command.Connection, data.Command.CommandText),
            { Key: DirectCommands.ExecutedEvent, Value: DirectCommand direct } => (direct.Connection, direct.Sql),
            _ => (null, ""),
        };
        if ((connection?.ConnectionString.Contains(_dataDirectory, StringComparison.Ordinal) == true
             || (TestDatabases.DatabaseOf(_dataDirectory) is { } database && connection?.Database == database))
            && !sql.Contains("\"Jobs\"", StringComparison.Ordinal))
        {
            _statements.Enqueue(sql);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
