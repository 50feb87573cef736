using Microsoft.Data.Sqlite;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Security;

/// <summary>What a copy of the data directory gives away: its files are the owner's alone, and app secrets are encrypted.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataAtRestTests : IDisposable
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _dataDirectory = PictographCli.NewDataDirectory();

    public void Dispose() => PictographCli.DeleteDataDirectory(_dataDirectory);

    private string Db => Path.Combine(_dataDirectory, "pictograph.db");

    private List<string> StoredSecrets()
    {
        using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Secret FROM Apps";
        using var reader = command.ExecuteReader();
        var secrets = new List<string>();
        while (reader.Read())
        {
            secrets.Add(reader.GetString(0));
        }

        return secrets;
    }

    /// <summary>"Seeded the demo world: app {id} (secret {secret})."</summary>
    private static (string AppId, string Secret) Seeded(CliResult seeded)
    {
        var match = System.Text.RegularExpressions.Regex.Match(seeded.StandardOutput, @"app ([0-9]+) \(secret ([0-9a-f]{32})\)");
        Assert.True(match.Success, seeded.ToString());
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    [Fact]
    public async Task The_data_directory_and_the_database_files_are_for_the_owner_only()
    {
        var seeded = await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        await using (var server = await DataDirectoryServer.StartAsync(_dataDirectory))
        {
            // A server that has answered a read has the WAL and its index open: their modes come from the database file's.
            await server.GetAsync("/me?fields=id&access_token=IGQWRunknown");
            Assert.True(File.Exists(Db + "-wal") && File.Exists(Db + "-shm"));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dataDirectory));
        foreach (var name in new[] { "pictograph.db", "pictograph.db-wal", "pictograph.db-shm", "secret.key" })
        {
            var path = Path.Combine(_dataDirectory, name);
            if (File.Exists(path))
            {
                Assert.True((File.GetUnixFileMode(path) & GroupOrOther) == 0, $"{name} is {File.GetUnixFileMode(path)}");
            }
        }
    }

    [Fact]
    public async Task App_secrets_are_stored_encrypted_and_still_work_and_show()
    {
        var seeded = await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        var (appId, secret) = Seeded(seeded);
        Assert.NotEmpty(secret);

        var stored = Assert.Single(StoredSecrets());
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, Convert.ToHexString(await File.ReadAllBytesAsync(Db)), StringComparison.OrdinalIgnoreCase);
        var shown = await PictographCli.RunAsync("apps", "show", "--data-dir", _dataDirectory, "--app", appId);
        Assert.Contains(secret, shown.StandardOutput, StringComparison.Ordinal);
        await using var server = await DataDirectoryServer.StartAsync(_dataDirectory);
        var appToken = await server.GetAsync($"/v25.0/oauth/access_token?grant_type=client_credentials&client_id={appId}&client_secret={secret}");
        Assert.True(appToken.Status == 200, appToken.Body);
        Assert.Equal($"{appId}|{secret}", appToken.Json.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task A_secret_stored_in_plain_text_by_an_earlier_version_is_encrypted_at_start_and_keeps_working()
    {
        var seeded = await PictographCli.RunAsync("seed", "--data-dir", _dataDirectory);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        var (appId, _) = Seeded(seeded);
        const string Legacy = "0123456789abcdef0123456789abcdef";
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE Apps SET Secret = '{Legacy}'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        await using var server = await DataDirectoryServer.StartAsync(_dataDirectory);

        Assert.DoesNotContain(Legacy, Assert.Single(StoredSecrets()), StringComparison.Ordinal);
        var appToken = await server.GetAsync($"/v25.0/oauth/access_token?grant_type=client_credentials&client_id={appId}&client_secret={Legacy}");
        Assert.True(appToken.Status == 200, appToken.Body);
    }
}
