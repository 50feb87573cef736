using System.IO.Compression;
using System.Text;
using Pictograph.Tests.Business;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>Reset, snapshot and restore through the control API: the same reads answer the same bytes.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public async Task Reset_returns_to_the_loaded_world_and_its_token_works_again()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var before = await ReadsAsync(server);
        var comment = await CommentAsync(server, "Gone after the reset");

        (await server.ControlPostAsync("/reset", new { to = "fixture" })).Ok();

        Assert.Equal(before, await ReadsAsync(server));
        GraphAssert.Error(await server.GetAsync($"/{comment}?fields=text&access_token={await CommentWorld.FacebookTokenAsync(server)}"), 400, 100, 33);
    }

    [Fact]
    public async Task Reset_to_empty_removes_every_row_and_file_and_reset_to_the_fixture_brings_them_back()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var before = await ReadsAsync(server);
        var media = Path.Combine(server.DataDirectory, "media");
        var files = Directory.GetFiles(media, "*", SearchOption.AllDirectories).Length;

        (await server.ControlPostAsync("/reset", new { to = "empty" })).Ok();

        GraphAssert.Error(await server.GetAsync($"/me?fields=id&access_token={server.Demo.Token}"), 400, 190);
        Assert.Empty(Directory.GetFiles(media, "*", SearchOption.AllDirectories));
        Assert.Equal(0, server.Read(db => db.Accounts.Count() + db.Media.Count() + db.Apps.Count() + db.AccessTokens.Count()));

        (await server.ControlPostAsync("/reset")).Ok();

        Assert.Equal(before, await ReadsAsync(server));
        Assert.Equal(files, Directory.GetFiles(media, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_kept_snapshot_restores_byte_identical_answers_and_travels_as_a_download()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        await CommentAsync(server, "Kept in the snapshot");
        var before = await ReadsAsync(server);
        (await server.ControlPostAsync("/snapshots", new { name = "before" })).Ok(201);

        await CommentAsync(server, "Made after the snapshot");
        (await server.ControlPostAsync("/clock/advance", new { by = "1h" })).Ok();
        Assert.NotEqual(before, await ReadsAsync(server));

        (await server.ControlPostAsync("/snapshots/before/restore")).Ok();
        Assert.Equal(before, await ReadsAsync(server));

        using var download = await server.Client.GetAsync("/_pictograph/snapshots/before");
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var archive = await download.Content.ReadAsByteArrayAsync();
        (await server.ControlPostAsync("/reset", new { to = "empty" })).Ok();
        (await server.ControlPutAsync("/snapshots/copy", archive)).Ok(201);
        (await server.ControlPostAsync("/snapshots/copy/restore")).Ok();
        Assert.Equal(before, await ReadsAsync(server));

        var listed = (await server.ControlGetAsync("/snapshots")).Ok().Json.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["before", "copy"], listed);
        Assert.Equal(204, (await server.ControlAsync(HttpMethod.Delete, "/snapshots/copy", null)).Status);
        (await server.ControlPostAsync("/snapshots/copy/restore")).Problem(404);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Kept_snapshots_are_for_the_owner_alone()
    {
        await using var own = await OwnServer.StartAsync();
        (await own.Server.ControlPostAsync("/snapshots", new { name = "mine" })).Ok(201);

        var folder = Path.Combine(own.Server.DataDirectory, "snapshots");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "mine.zip")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "_fixture.zip")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task The_current_state_downloads_as_an_archive_with_every_table_and_file()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;

        using var download = await server.Client.GetAsync("/_pictograph/snapshot");
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);

        Assert.NotNull(zip.GetEntry("manifest.json"));
        Assert.NotNull(zip.GetEntry("tables/Media.json"));
        Assert.Equal(
            Directory.GetFiles(Path.Combine(server.DataDirectory, "media"), "*", SearchOption.AllDirectories).Length,
            zip.Entries.Count(e => e.FullName.StartsWith("media/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_archive_from_a_newer_format_is_refused_and_nothing_changes()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var before = await ReadsAsync(server);
        var newer = Archive(("manifest.json", """{"format":99,"created_at":"","schema":"","rows":{},"media_files":0,"media_bytes":0}"""));

        (await server.ControlPutAsync("/snapshots/newer", newer)).Ok(201);
        var problem = (await server.ControlPostAsync("/snapshots/newer/restore")).Problem(422);

        Assert.Contains("format 99", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await ReadsAsync(server));
    }

    [Fact]
    public async Task An_archive_whose_rows_break_the_schema_is_refused_and_leaves_rows_and_files_as_they_were()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var before = await ReadsAsync(server);
        var media = Path.Combine(server.DataDirectory, "media");
        var files = Directory.GetFiles(media, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        // A comment on a post that does not exist passes every check but the foreign key's, at commit; its file goes in first.
        var dangling = Archive(
            ("manifest.json", """{"format":1,"created_at":"","schema":"","rows":{},"media_files":1,"media_bytes":3}"""),
            ("tables/Comments.json", """{"columns":["Id","MediaId","AuthorId","Text","CreatedAt","Hidden"],"rows":[[1,424242,1,"orphan",0,false]]}"""),
            ("media/00/00/1.jpg", "abc"));

        (await server.ControlPutAsync("/snapshots/dangling", dangling)).Ok(201);
        var problem = (await server.ControlPostAsync("/snapshots/dangling/restore")).Problem(422);

        Assert.Contains("the database refused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await ReadsAsync(server));
        Assert.Equal(files, Directory.GetFiles(media, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("tables/Nope.json", "{\"columns\":[],\"rows\":[]}", "table Nope does not exist")]
    [InlineData("tables/Media.json", "{\"columns\":[\"Id\",\"Bogus\"],\"rows\":[]}", "Media.Bogus does not exist")]
    [InlineData("tables/Media.json", "{\"columns\":[\"Id\"],\"rows\":[[\"x\"]]}", "Media row 0: Id is not a valid Int64")]
    [InlineData("tables/Media.json", "not json", "is not valid JSON")]
    [InlineData("media/../../etc/passwd", "x", "is not a valid media key")]
    public async Task A_malformed_archive_is_refused_with_the_reason(string entry, string content, string reason)
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var archive = Archive(("manifest.json", """{"format":1,"created_at":"","schema":"","rows":{},"media_files":0,"media_bytes":0}"""), (entry, content));

        (await server.ControlPutAsync("/snapshots/bad", archive)).Ok(201);
        var problem = (await server.ControlPostAsync("/snapshots/bad/restore")).Problem(422);

        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await server.GetAsync($"/me?fields=id&access_token={server.Demo.Token}")).Status);
    }

    [Fact]
    public async Task Uploads_and_names_are_checked()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;

        (await server.ControlPutAsync("/snapshots/junk", Encoding.UTF8.GetBytes("not a zip"))).Problem(422);
        (await server.ControlPostAsync("/snapshots", new { name = "../escape" })).Problem(400);
        (await server.ControlPostAsync("/snapshots", new { name = "" })).Problem(400);
        (await server.ControlPostAsync("/reset", new { to = "yesterday" })).Problem(400);
        (await server.ControlGetAsync("/snapshots/missing")).Problem(404);
        Assert.Empty((await server.ControlGetAsync("/snapshots")).Ok().Json.EnumerateArray());
    }

    /// <summary>Answers that cover accounts, media, carousels, comments and tokens, as raw bodies.</summary>
    [Fact]
    public async Task Writes_racing_resets_never_fail_and_leave_no_id_behind_the_counters()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await CommentWorld.FacebookTokenAsync(server);
        var media = server.Grid(CommentWorld.Shop)[0].Id;
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var written = await server.PostFormAsync($"/{media}/comments", [("message", $"racing {w}-{n}"), ("access_token", Volatile.Read(ref token))]);
                // A reset may take the token (190) away between two writes; a server error is the failure.
                if (written.Status >= 500)
                {
                    failures.Add(written.Body);
                }
            }
        })).ToList();

        for (var round = 0; round < 25; round++)
        {
            await Task.Delay(20);
            (await server.ControlPostAsync("/reset", new { to = "fixture" })).Ok();
            Volatile.Write(ref token, await CommentWorld.FacebookTokenAsync(server));
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.Empty(failures);
        // Every id a write took before a reset and saved after it would sit past the restored counters: the ids
        // handed out next would meet it.
        for (var n = 0; n < 150; n++)
        {
            var written = await server.PostFormAsync($"/{media}/comments", [("message", $"after {n}"), ("access_token", token)]);
            Assert.True(written.Status == 200, written.Body);
        }
    }

    private static async Task<List<string>> ReadsAsync(PictographServer server)
    {
        var facebook = await CommentWorld.FacebookTokenAsync(server, CommentWorld.FacebookRead);
        var shop = server.Account(CommentWorld.Shop).Id;
        List<string> reads =
        [
            $"/me?fields=id,username,media_count&access_token={server.Demo.Token}",
            $"/me/media?fields=id,caption,media_type,timestamp,children{{id}}&limit=50&access_token={server.Demo.Token}",
            $"/{shop}/media?fields=id,caption,comments_count,comments{{id,text,timestamp}}&limit=50&access_token={facebook}",
        ];
        var bodies = new List<string>();
        foreach (var read in reads)
        {
            var response = await server.GetAsync(read);
            Assert.True(response.Status == 200, response.Body);
            bodies.Add(response.Body);
        }

        return bodies;
    }

    private static async Task<string> CommentAsync(PictographServer server, string text)
    {
        var media = server.Grid(CommentWorld.Shop)[0].Id;
        var created = await server.PostFormAsync($"/{media}/comments", [("message", text), ("access_token", await CommentWorld.FacebookTokenAsync(server))]);
        Assert.True(created.Status == 200, created.Body);
        return created.Json.GetProperty("id").GetString()!;
    }

    private static byte[] Archive(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }
}
