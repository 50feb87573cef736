using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pictograph.Data.Connections;
using Pictograph.Hosting;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Connections;

/// <summary>
/// The database stamp read from SQLite's WAL index: the same while nothing commits, new after a commit by
/// any connection of this process or by another process, and absent where there is no WAL index.
/// </summary>
[Collection(CommentsCollection.Name)]
public sealed class DataVersionTests(PictographServer server)
{
    private DataVersion Version => server.Services.GetRequiredService<DataVersion>();

    [Fact]
    public async Task Reads_and_the_idle_job_runner_leave_the_stamp_as_it_was()
    {
        // A server of its own: no other test commits meanwhile.
        await using var own = await OwnServer.StartAsync();
        var version = own.Server.Services.GetRequiredService<DataVersion>();
        var before = version.Current;
        Assert.NotNull(before);

        Assert.Equal(200, (await own.Server.GetFreshAsync($"/me/media?fields=id,caption&access_token={own.Server.Demo.Token}")).Status);
        Assert.Equal(200, (await own.Server.GetFreshAsync($"/me?fields=id,username&access_token={own.Server.Demo.Token}")).Status);
        // The job runner polls each second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(before, version.Current);
    }

    [Fact]
    public async Task A_commit_by_a_connection_the_server_does_not_know_changes_the_stamp()
    {
        var before = Version.Current;
        // A real change: SQLite writes nothing for an update to the same value, and the stamp stays.
        Assert.Equal(1, await server.ExecuteOutsideAsync(
            "UPDATE \"Accounts\" SET \"Biography\" = $text WHERE \"Id\" = $id",
            ("$text", $"changed {Guid.NewGuid():N}"),
            ("$id", server.Account(CommentWorld.Jane).Id)));

        Assert.NotEqual(before, Version.Current);
    }

    [Fact]
    public async Task A_commit_by_another_process_changes_the_stamp()
    {
        var before = Version.Current;
        var issued = await PictographCli.RunAsync("tokens", "issue", "--data-dir", server.DataDirectory, "--user", CommentWorld.Jane);
        Assert.True(issued.ExitCode == 0, issued.ToString());

        Assert.NotEqual(before, Version.Current);
    }

    [Fact]
    public void An_in_memory_database_has_no_stamp()
    {
        using var version = new DataVersion(Options.Create(new PictographOptions { Database = "Data Source=:memory:" }));
        Assert.Null(version.Current);
    }

    [Fact]
    public void A_database_that_cannot_be_opened_has_no_stamp_and_throws_nothing()
    {
        var missing = Path.Combine(PictographCli.NewDataDirectory(), "absent", "pictograph.db");
        using var version = new DataVersion(Options.Create(new PictographOptions { Database = $"Data Source={missing};Mode=ReadOnly" }));
        Assert.Null(version.Current);
        Assert.Null(version.Current);
    }

    [Fact]
    public void A_database_not_in_WAL_mode_has_no_stamp()
    {
        var directory = PictographCli.NewDataDirectory();
        Directory.CreateDirectory(directory);
        try
        {
            var file = Path.Combine(directory, "rollback.db");
            using (var create = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                create.Open();
                using var table = create.CreateCommand();
                table.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE t (x INTEGER);";
                table.ExecuteNonQuery();
            }

            using var version = new DataVersion(Options.Create(new PictographOptions { Database = $"Data Source={file};Pooling=False" }));
            Assert.Null(version.Current);
        }
        finally
        {
            PictographCli.DeleteDataDirectory(directory);
        }
    }
}
