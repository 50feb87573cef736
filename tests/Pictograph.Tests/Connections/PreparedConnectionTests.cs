using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Data.Connections;
using Pictograph.Hosting;
using Pictograph.Tests.Infrastructure;
using SQLitePCL;

namespace Pictograph.Tests.Connections;

/// <summary>
/// The kept-open connections request scopes borrow, on a real database file: statements are prepared once per
/// connection, reads never see a stale snapshot, and nothing one scope leaves behind reaches the next.
/// </summary>
public sealed class PreparedConnectionTests : IAsyncLifetime
{
    private OwnServer _own = null!;
    private ConnectionLeases _leases = null!;

    private PictographServer Server => _own.Server;

    private long AccountId => Server.Demo.AccountId;

    public async Task InitializeAsync()
    {
        _own = await OwnServer.StartAsync();
        // A pool of the test's own over the server's database, so the server's background work never borrows these.
        _leases = new ConnectionLeases(Options.Create(new PictographOptions { DataDirectory = Server.DataDirectory }), new SqliteSessionSettings(Options.Create(new PictographOptions())), new SqliteWriteTurns(), NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        _leases.Dispose();
        await _own.DisposeAsync();
    }

    private static Task<string> UsernameAsync(PictographDb db, long id) =>
        db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Username).SingleAsync();

    /// <summary>The statements SQLite holds prepared on a connection whose SQL mentions <paramref name="table"/>.</summary>
    private static List<sqlite3_stmt> PreparedOn(SqliteConnection connection, string table)
    {
        var found = new List<sqlite3_stmt>();
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null; statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            if (raw.sqlite3_sql(statement).utf8_to_string().Contains($"\"{table}\"", StringComparison.Ordinal))
            {
                found.Add(statement);
            }
        }

        return found;
    }

    /// <summary>How many times SQLite has run a statement object since it was prepared.</summary>
    private static int Runs(sqlite3_stmt statement) => raw.sqlite3_stmt_status(statement, StatementStatusRun, 0);

    // SQLITE_STMTSTATUS_RUN in sqlite3.h (SQLitePCL has no constant for it).
    private const int StatementStatusRun = 6;

    private async Task RenameAsync(long id, string username)
    {
        await using var other = await Server.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync();
        await other.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Username, username));
    }

    [Fact]
    public async Task A_query_run_again_on_a_kept_connection_reuses_its_prepared_statement()
    {
        var connection = _leases.Rent();
        // SQLitePCL lists a connection's statements only when asked to before they are prepared (a fresh pool: none yet).
        connection.Connection.Handle!.enable_sqlite3_next_stmt(true);
        try
        {
            var first = await UsernameAsync(connection.Db, AccountId);
            var statement = Assert.Single(PreparedOn(connection.Connection, "Accounts"));
            Assert.Equal(1, Runs(statement));
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(first, await UsernameAsync(connection.Db, AccountId));
            }

            // The same statement object, run six times: never finalized and prepared again.
            Assert.Same(statement, Assert.Single(PreparedOn(connection.Connection, "Accounts")));
            Assert.Equal(6, Runs(statement));

            // Another query shape is a second statement beside the first.
            Assert.True(await connection.Db.Media.AnyAsync(m => m.OwnerId == AccountId));
            Assert.Single(PreparedOn(connection.Connection, "Media"));
            Assert.Single(PreparedOn(connection.Connection, "Accounts"));
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task A_kept_statement_reads_what_other_connections_committed_since()
    {
        var connection = _leases.Rent();
        try
        {
            var before = await UsernameAsync(connection.Db, AccountId);
            await RenameAsync(AccountId, "renamed.elsewhere");
            Assert.Equal("renamed.elsewhere", await UsernameAsync(connection.Db, AccountId));
            await RenameAsync(AccountId, before);
            Assert.Equal(before, await UsernameAsync(connection.Db, AccountId));
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task Parameters_are_rebound_on_every_run()
    {
        var connection = _leases.Rent();
        try
        {
            var ids = await connection.Db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).Take(3).ToListAsync();
            Assert.Equal(3, ids.Count);
            var expected = await connection.Db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).Select(a => a.Username).ToListAsync();
            var actual = new List<string>();
            foreach (var id in ids)
            {
                actual.Add(await UsernameAsync(connection.Db, id));
            }

            Assert.Equal(expected, actual);
            Assert.Equal(3, expected.Distinct().Count());
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task A_scope_that_leaves_a_transaction_open_gets_its_connection_closed_and_its_writes_rolled_back()
    {
        var connection = _leases.Rent();
        var before = await UsernameAsync(connection.Db, AccountId);
        var transaction = await connection.Db.Database.BeginTransactionAsync();
        await connection.Db.Accounts.Where(a => a.Id == AccountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Username, "never.committed"));
        _ = transaction; // Abandoned on purpose, as a failing request might.

        _leases.Return(connection);

        Assert.Equal(System.Data.ConnectionState.Closed, connection.Connection.State);
        var next = _leases.Rent();
        try
        {
            Assert.NotSame(connection, next);
            Assert.Equal(before, await UsernameAsync(next.Db, AccountId));
        }
        finally
        {
            _leases.Return(next);
        }
    }

    [Fact]
    public async Task A_returned_connection_forgets_the_entities_its_context_tracked()
    {
        var connection = _leases.Rent();
        var account = await connection.Db.Accounts.SingleAsync(a => a.Id == AccountId);
        account.Biography = "changed but never saved";
        Assert.Single(connection.Db.ChangeTracker.Entries());

        Assert.True(connection.TryReset());

        Assert.Empty(connection.Db.ChangeTracker.Entries());
        Assert.Equal(0, await connection.Db.SaveChangesAsync());
        _leases.Return(connection);
    }

    [Fact]
    public async Task A_request_scope_borrows_one_connection_and_gives_it_back()
    {
        PreparedConnection borrowed;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var lease = scope.ServiceProvider.GetRequiredService<ConnectionLease>();
            borrowed = lease.Connection;
            Assert.Same(lease.Db, scope.ServiceProvider.GetRequiredService<PictographDb>());
            Assert.False(string.IsNullOrEmpty(await UsernameAsync(lease.Db, AccountId)));
        }

        // Disposing the scope gave the connection back open (the context's disposal did not close it).
        Assert.Equal(System.Data.ConnectionState.Open, borrowed.Connection.State);
    }

    [Fact]
    public async Task The_same_query_runs_again_while_its_first_reader_is_still_open()
    {
        var connection = _leases.Rent();
        try
        {
            var ids = await connection.Db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync();
            await using var outer = connection.Db.Accounts.AsNoTracking().Where(a => a.Id >= ids[0]).OrderBy(a => a.Id).AsAsyncEnumerable().GetAsyncEnumerator();
            Assert.True(await outer.MoveNextAsync());

            // The same SQL text while the outer reader is open: it cannot reuse the kept statement, and must still answer.
            var inner = await connection.Db.Accounts.AsNoTracking().Where(a => a.Id >= ids[1]).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(ids[1], inner[0].Id);
            Assert.True(await outer.MoveNextAsync());
            Assert.Equal(ids[1], outer.Current.Id);
        }
        finally
        {
            _leases.Return(connection);
        }
    }
}
