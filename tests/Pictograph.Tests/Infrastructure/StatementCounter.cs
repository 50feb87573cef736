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
        if (connection?.ConnectionString.Contains(_dataDirectory, StringComparison.Ordinal) == true
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
