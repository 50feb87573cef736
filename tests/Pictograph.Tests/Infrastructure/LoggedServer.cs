using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pictograph.Tests.Infrastructure;

/// <summary>A seeded server that logs at Information level into <see cref="Logs"/>, for tests of what gets logged.</summary>
public sealed class LoggedServer : IAsyncLifetime
{
    public PictographServer Server { get; } = new() { ExtraArgs = ["--Logging:LogLevel:Default=Information"] };

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Server.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Every log entry written through the factory it is added to.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>The entries written while <paramref name="action"/> ran.</summary>
    public async Task<(T Result, IReadOnlyList<LogEntry> Entries)> DuringAsync<T>(Func<Task<T>> action)
    {
        var skip = _entries.Count;
        var result = await action();
        return (result, _entries.Skip(skip).ToList());
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
