using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pictograph.Data.Changes;
using Pictograph.Data.Providers;
using Pictograph.Hosting;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Connections;

/// <summary>
/// SQLite's change stamp (<c>PRAGMA data_version</c> on a connection of its own): the same while nothing commits,
/// new after a commit by any connection of this process or by another process, in WAL and rollback-journal
/// mode alike, and absent for a database that has no file.
/// </summary>
[Collection(CommentsCollection.Name)]
public sealed class ChangeStampTests(PictographServer server)
{
    private SqliteChangeStamp Version => server.Services.GetRequiredService<SqliteChangeStamp>();

    [Fact]
    public async Task Reads_and_the_idle_job_runner_leave_the_stamp_as_it_was()
    {
        // A server of its own: no other test commits meanwhile.
        await using var own = await OwnServer.StartAsync();
        var version = own.Server.Services.GetRequiredService<SqliteChangeStamp>();
        var before = version.Read();
        Assert.NotNull(before);

        Assert.Equal(200, (await own.Server.GetFreshAsync($"/me/media?fields=id,caption&access_token={own.Server.Demo.Token}")).Status);
        Assert.Equal(200, (await own.Server.GetFreshAsync($"/me?fields=id,username&access_token={own.Server.Demo.Token}")).Status);
        // The job runner polls each second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(before, version.Read());
    }

    [Fact]
    public async Task A_commit_by_a_connection_the_server_does_not_know_changes_the_stamp()
    {
        var before = Version.Read();
        // A real change: SQLite writes nothing for an update to the same value, and the stamp stays.
        Assert.Equal(1, await server.ExecuteOutsideAsync(
            "UPDATE \"Accounts\" SET \"Biography\" = $text WHERE \"Id\" = $id",
            ("$text", $"changed {Guid.NewGuid():N}"),
            ("$id", server.Account(CommentWorld.Jane).Id)));

        Assert.NotEqual(before, Version.Read());
    }

    [Fact]
    public async Task A_commit_by_another_process_changes_the_stamp()
    {
        var before = Version.Read();
        var issued = await PictographCli.RunAsync("tokens", "issue", "--data-dir", server.DataDirectory, "--user", CommentWorld.Jane);
        Assert.True(issued.ExitCode == 0, issued.ToString());

        Assert.NotEqual(before, Version.Read());
    }

    [Fact]
    public void An_in_memory_database_has_no_stamp()
    {
        using var version = new SqliteChangeStamp(Options.Create(new PictographOptions { Database = new DatabaseOptions { ConnectionString = "Data Source=:memory:" } }));
        Assert.Null(version.Read());
    }

    [Fact]
    public void A_database_that_cannot_be_opened_has_no_stamp_and_throws_nothing()
    {
        var missing = Path.Combine(PictographCli.NewDataDirectory(), "absent", "pictograph.db");
        using var version = new SqliteChangeStamp(Options.Create(new PictographOptions { Database = new DatabaseOptions { ConnectionString = $"Data Source={missing};Mode=ReadOnly" } }));
        Assert.Null(version.Read());
        Assert.Null(version.Read());
    }

    [Fact]
    public void A_database_not_in_WAL_mode_has_a_stamp_that_a_commit_changes()
    {
        var directory = PictographCli.NewDataDirectory();
        Directory.CreateDirectory(directory);
        try
        {
            var file = Path.Combine(directory, "rollback.db");
            using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
            writer.Open();
            using var table = writer.CreateCommand();
            table.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE t (x INTEGER);";
            table.ExecuteNonQuery();

            using var version = new SqliteChangeStamp(Options.Create(new PictographOptions { Database = new DatabaseOptions { ConnectionString = $"Data Source={file};Pooling=False" } }));
            var before = version.Read();
            Assert.NotNull(before);
            Assert.Equal(before, version.Read());

            table.CommandText = "INSERT INTO t VALUES (1)";
            table.ExecuteNonQuery();
            Assert.NotEqual(before, version.Read());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            PictographCli.DeleteDataDirectory(directory);
        }
    }
}
