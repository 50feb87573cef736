using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Pictograph.Data.Connections;

/// <summary>
/// This process's transactions take turns for SQLite's one write lock, waiting asynchronously in line, instead of all
/// asking SQLite at once and sleeping in its busy handler (1, 2, 5, 10 … ms between attempts, each on a blocked
/// thread): under 32 concurrent comment writes that put the p99 at 180 ms. A turn is taken before a transaction begins
/// (the interceptor begins it, so a BEGIN that fails gives the turn back) and given back when it commits or rolls back,
/// or when SQLite's rollback hook fires. A transaction disposed without either (a read-only one) fires no interceptor
/// and, having written nothing, no hook: a waiter that has waited a moment checks whether the holder's connection has
/// left its transaction and takes the turn over. Other processes (the CLI, a second node) still meet this one in the
/// busy handler (<see cref="SqliteSessionSettings"/>).
/// </summary>
public sealed class SqliteWriteTurns : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>A transaction that waits longer goes ahead without a turn (one nested in another would wait forever).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiter checks whether the holder's transaction ended unseen.</summary>
    private static readonly TimeSpan Check = TimeSpan.FromMilliseconds(20);

    private static readonly delegate_rollback OnRollback = holder => ((Holder)holder).GiveBack();

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holder> _connections = [];
    private readonly ConditionalWeakTable<DbTransaction, Holder> _transactions = [];
    private Holder? _current;

    /// <summary>Watches a connection opened outside EF Core's interception (a kept connection opens before its context exists).</summary>
    public void Watch(SqliteConnection connection) => raw.sqlite3_rollback_hook(connection.Handle, OnRollback, HolderOf(connection));

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            Watch(sqlite);
        }
    }

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var started = Stopwatch.GetTimestamp();
        bool got;
        while (!(got = _turn.Wait(Check)) && !WaitedTooLong(started))
        {
        }

        return Begin(HolderOf(connection), got, () => connection.BeginTransaction(eventData.IsolationLevel));
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        bool got;
        while (!(got = await _turn.WaitAsync(Check, cancellationToken).ConfigureAwait(false)) && !WaitedTooLong(started))
        {
        }

        return Begin(HolderOf(connection), got, () => connection.BeginTransaction(eventData.IsolationLevel));
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        GiveBack(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => GiveBack(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        GiveBack(transaction);
        return Task.CompletedTask;
    }

    private Holder HolderOf(DbConnection connection) => _connections.GetValue(connection, c => new Holder(_turn, c as SqliteConnection));

    /// <summary>After a wait that did not get the turn: gives back the turn of a holder whose transaction ended unseen; true past <see cref="Longest"/>.</summary>
    private bool WaitedTooLong(long started)
    {
        if (Volatile.Read(ref _current) is { Finished: true } stale)
        {
            stale.GiveBack();
        }

        return Stopwatch.GetElapsedTime(started) >= Longest;
    }

    /// <summary>Begins the transaction itself (SQLite's BEGIN IMMEDIATE, as EF Core would), so a failed BEGIN gives the turn back.</summary>
    private InterceptionResult<DbTransaction> Begin(Holder holder, bool got, Func<DbTransaction> begin)
    {
        DbTransaction transaction;
        try
        {
            transaction = begin();
        }
        catch
        {
            if (got)
            {
                _turn.Release();
            }

            throw;
        }

        if (got)
        {
            holder.Take();
            Volatile.Write(ref _current, holder);
        }

        _transactions.AddOrUpdate(transaction, holder);
        return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
    }

    private void GiveBack(DbTransaction transaction)
    {
        if (_transactions.TryGetValue(transaction, out var holder))
        {
            holder.GiveBack();
        }
    }

    /// <summary>One connection's hold on the turn: given back once, by whichever of commit, rollback, the hook or a waiter comes first.</summary>
    private sealed class Holder(SemaphoreSlim turn, SqliteConnection? connection)
    {
        private int _holds;

        /// <summary>Holding the turn with the connection back in autocommit mode: its transaction ended without a word.</summary>
        public bool Finished => Volatile.Read(ref _holds) == 1
            && (connection?.Handle is not { } handle || handle.IsInvalid || raw.sqlite3_get_autocommit(handle) != 0);

        public void Take() => Volatile.Write(ref _holds, 1);

        public void GiveBack()
        {
            if (Interlocked.Exchange(ref _holds, 0) == 1)
            {
                turn.Release();
            }
        }
    }
}
