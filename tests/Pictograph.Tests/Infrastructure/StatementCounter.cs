using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// Records the SQL statements EF Core runs against one server's database (other servers share the
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
        if (value.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name
            && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.ConnectionString.Contains(_dataDirectory, StringComparison.Ordinal) == true
            && !data.Command.CommandText.Contains("\"Jobs\"", StringComparison.Ordinal))
        {
            _statements.Enqueue(data.Command.CommandText);
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
