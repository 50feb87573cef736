using System.Collections.Concurrent;
using System.Globalization;
using Pictograph.Seed;
using Pictograph.Tests.Publishing;
using Pictograph.Tests.Webhooks;
using Xunit.Abstractions;
using static Pictograph.Tests.Crash.CrashRun;

namespace Pictograph.Tests.Crash;

/// <summary>
/// The server process is SIGKILLed at random points of publishing, webhook delivery, comment writes, token
/// exchange and snapshots, a few rounds each, and restarted on the same data directory; after each restart
/// the data directory holds (see <see cref="CrashInvariants"/>) and nothing acknowledged is lost.
/// </summary>
public sealed class CrashTests(CrashTemplate template, ITestOutputHelper output) : IClassFixture<CrashTemplate>
{
    private const int Rounds = 3;

    private static readonly Lazy<byte[]> Photo = new(() => TestMedia.Jpeg(1200, 1200));

    [Fact]
    public async Task Publishing_killed_at_random_points_finishes_every_container_once_and_leaves_no_stray_file()
    {
        using var run = new CrashRun(template, "publishing", output);
        await using var host = await MediaHost.StartAsync();
        var created = new ConcurrentDictionary<string, bool>();
        var published = new ConcurrentDictionary<string, string>();
        var problems = new ConcurrentQueue<string>();
        var next = 0;

        for (var round = 0; round < Rounds; round++)
        {
            var r = round;
            await run.KillDuringAsync(round, 3000, (server, stop) => Task.WhenAll(Enumerable.Range(0, 3).Select(async worker =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var url = host.Serve($"/photo-{Interlocked.Increment(ref next)}.jpg", Photo.Value, "image/jpeg");
                    var container = await PostFormAsync(server.Client, "/me/media", new() { ["image_url"] = url, ["caption"] = $"crash r{r} w{worker}", ["access_token"] = template.ShopToken }, stop);
                    Assert.True(container.Ok, container.Body);
                    created[container.Id] = true;
                    run.Acknowledged();
                    await PublishOnceAsync(server, container.Id, published, problems, stop);
                }
            })));
            run.AssertNone(CrashInvariants.Check(run.DataDirectory), $"after the kill of round {round}");
        }

        await using var final = await run.StartAsync();
        await run.WaitUntilAsync(() => Task.FromResult(CrashInvariants.CheckSettled(run.DataDirectory).Count == 0), () => string.Join("; ", CrashInvariants.CheckSettled(run.DataDirectory)));
        run.AssertNone(CrashInvariants.CheckTemporaryFolder(run.TemporaryFolder), "the temporary folder after the restart");
        foreach (var container in created.Keys)
        {
            await PublishOnceAsync(final, container, published, problems, CancellationToken.None);
        }

        // Every container that finished is published now, once: asking again is refused.
        foreach (var container in created.Keys)
        {
            var again = await PostFormAsync(final.Client, "/me/media_publish", new() { ["creation_id"] = container, ["access_token"] = template.ShopToken });
            Assert.False(again.Ok, $"container {container} was published a second time: {again.Body} ({run.Context})");
        }

        foreach (var (container, media) in published)
        {
            var read = await GetAsync(final.Client, $"/{media}?fields=id,media_url&access_token={template.ShopToken}");
            Assert.True(read.Ok, $"the media {media} published from {container} is gone: {read.Body} ({run.Context})");
            using var file = await final.Client.GetAsync(read.Json.GetProperty("media_url").GetString());
            Assert.True(file.IsSuccessStatusCode, $"the media {media} has no file: HTTP {(int)file.StatusCode} ({run.Context})");
        }

        run.AssertNone(problems, "while publishing");
        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "after the work settled");
        run.Log($"{created.Count} containers acknowledged, {published.Count} published");
        Assert.NotEmpty(published);
    }

    [Fact]
    public async Task Comment_writes_and_webhook_deliveries_killed_at_random_points_deliver_every_event_after_a_restart()
    {
        using var run = new CrashRun(template, "webhooks", output);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.PostDelay = TimeSpan.FromMilliseconds(50);
        List<string> media;
        using (var seeded = CrashInvariants.Open(run.DataDirectory))
        {
            media = CrashInvariants.Rows(seeded, $"SELECT Id FROM Media WHERE OwnerId = {template.ShopId} AND InGrid AND CommentEnabled ORDER BY Id LIMIT 3");
        }

        var comments = new ConcurrentDictionary<string, bool>();
        var deleted = new ConcurrentDictionary<string, bool>();

        for (var round = 0; round < Rounds; round++)
        {
            var r = round;
            await run.KillDuringAsync(round, 2000, (server, stop) => Task.WhenAll(Enumerable.Range(0, 3).Select(async worker =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var comment = await PostFormAsync(server.Client, $"/{media[(worker + n) % media.Count]}/comments", new() { ["message"] = $"crash r{r} w{worker} n{n}", ["access_token"] = template.ShopToken }, stop);
                    Assert.True(comment.Ok, comment.Body);
                    comments[comment.Id] = true;
                    run.Acknowledged();
                    var reply = await PostFormAsync(server.Client, $"/{comment.Id}/replies", new() { ["message"] = $"crash reply r{r} w{worker} n{n}", ["access_token"] = template.ShopToken }, stop);
                    Assert.True(reply.Ok, reply.Body);
                    comments[reply.Id] = true;
                    if (n % 3 == 0)
                    {
                        var gone = await SendAsync(server.Client, HttpMethod.Delete, $"/{reply.Id}?access_token={template.ShopToken}", null, stop);
                        Assert.True(gone.Ok, gone.Body);
                        deleted[reply.Id] = true;
                    }
                }
            })), before: r == 0 ? server => SubscribeAsync(server, receiver) : null);
            run.AssertNone(CrashInvariants.Check(run.DataDirectory), $"after the kill of round {round}");
        }

        await using var final = await run.StartAsync();
        await run.WaitUntilAsync(() => Task.FromResult(CrashInvariants.CheckSettled(run.DataDirectory).Count == 0), () => string.Join("; ", CrashInvariants.CheckSettled(run.DataDirectory)));

        using var db = CrashInvariants.Open(run.DataDirectory);
        var stored = CrashInvariants.Rows(db, "SELECT Id FROM Comments WHERE Text LIKE 'crash %'").ToHashSet(StringComparer.Ordinal);
        run.AssertNone(comments.Keys.Where(id => !stored.Contains(id) && !deleted.ContainsKey(id)).Select(id => $"acknowledged comment {id} is lost"), "comments");
        var payloads = CrashInvariants.Rows(db, "SELECT Payload FROM WebhookDeliveries");
        var received = new HashSet<string>(StringComparer.Ordinal);
        while (await receiver.NextAsync(TimeSpan.FromMilliseconds(200)) is { } post)
        {
            received.Add(post.Text);
        }

        // Each logged event reached the receiver at least once, and each comment the shop's media got is an event.
        run.AssertNone(payloads.Where(p => !received.Contains(p)).Select(p => "a delivered event never arrived: " + p), "deliveries");
        var mentioned = CrashInvariants.Rows(db, $"SELECT c.Id FROM Comments c JOIN Media m ON m.Id = c.MediaId WHERE m.OwnerId = {template.ShopId} AND c.Text LIKE 'crash %'");
        run.AssertNone(mentioned.Where(id => !payloads.Any(p => p.Contains($"\"{id}\"", StringComparison.Ordinal))).Select(id => $"comment {id} has no webhook event"), "events");
        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "after the work settled");
        run.Log($"{comments.Count} comments and replies acknowledged, {payloads.Count} events, all delivered");
        Assert.NotEmpty(payloads);
    }

    [Fact]
    public async Task Token_exchanges_killed_at_random_points_keep_every_answered_token_and_mint_once_per_code()
    {
        using var run = new CrashRun(template, "tokens", output);
        var shortLived = new ConcurrentDictionary<string, string>();
        var longLived = new ConcurrentDictionary<string, string>();

        for (var round = 0; round < CrashTemplate.CodeRounds; round++)
        {
            var codes = template.Codes[round];
            await run.KillDuringAsync(round, 400, (server, stop) => Task.WhenAll(codes.Select(async code =>
            {
                var exchanged = await ExchangeCodeAsync(server, code, stop);
                Assert.True(exchanged.Ok, exchanged.Body);
                var token = exchanged.Json.GetProperty("access_token").GetString()!;
                shortLived[code] = token;
                run.Acknowledged();
                var extended = await GetAsync(server.Client, $"/access_token?grant_type=ig_exchange_token&client_secret={template.AppSecret}&access_token={token}", stop);
                Assert.True(extended.Ok, extended.Body);
                longLived[code] = extended.Json.GetProperty("access_token").GetString()!;
            })));
            run.AssertNone(CrashInvariants.Check(run.DataDirectory), $"after the kill of round {round}");
        }

        await using var final = await run.StartAsync();
        foreach (var (code, token) in shortLived.Concat(longLived))
        {
            var me = await GetAsync(final.Client, $"/me?fields=id&access_token={token}");
            Assert.True(me.Ok, $"the token answered for code {code[..8]}… no longer works: {me.Body} ({run.Context})");
        }

        // A code the kill interrupted either still works once, or was used by the exchange the kill cut short.
        var unanswered = template.Codes.SelectMany(c => c).Where(c => !shortLived.ContainsKey(c)).ToList();
        foreach (var code in unanswered)
        {
            var retried = await ExchangeCodeAsync(final, code, CancellationToken.None);
            Assert.True(retried.Ok || retried.Body.Contains("has been used", StringComparison.Ordinal), $"{retried.Status}: {retried.Body} ({run.Context})");
        }

        using (var db = CrashInvariants.Open(run.DataDirectory))
        {
            run.AssertNone(CrashInvariants.Rows(db, "SELECT hex(CodeHash), COUNT(*) FROM AccessTokens WHERE Kind = 'ShortLived' AND CodeHash IS NOT NULL GROUP BY CodeHash HAVING COUNT(*) > 1")
                .Select(r => $"a code minted more than one token: {r}"), "codes");
            run.AssertNone(CrashInvariants.Rows(db, "SELECT hex(Hash) FROM AuthorizationCodes WHERE UsedAt IS NOT NULL AND Hash NOT IN (SELECT CodeHash FROM AccessTokens WHERE CodeHash IS NOT NULL)")
                .Select(r => $"a code was used up without a token: {r}"), "codes");
        }

        // Replaying an answered code still revokes its whole family, the long-lived token exchanged from it included.
        foreach (var (code, token) in longLived)
        {
            Assert.False((await ExchangeCodeAsync(final, code, CancellationToken.None)).Ok);
            var me = await GetAsync(final.Client, $"/me?fields=id&access_token={token}");
            Assert.False(me.Ok, $"a replayed code's long-lived token still works ({run.Context})");
        }

        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "at the end");
        run.Log($"{shortLived.Count} codes exchanged, {longLived.Count} extended, {unanswered.Count} cut short");
    }

    [Fact]
    public async Task Snapshots_restores_and_resets_killed_at_random_points_leave_whole_archives_and_a_consistent_state()
    {
        using var run = new CrashRun(template, "snapshots", output);
        await using var host = await MediaHost.StartAsync();
        var saved = new ConcurrentDictionary<string, bool>();
        var next = 0;

        for (var round = 0; round < Rounds; round++)
        {
            var r = round;
            await run.KillDuringAsync(
                round,
                2000,
                async (server, stop) =>
                {
                    var writer = Task.Run(async () =>
                    {
                        for (var n = 0; !stop.IsCancellationRequested; n++)
                        {
                            var container = await PostFormAsync(server.Client, "/me/media", new() { ["image_url"] = host.Serve($"/s{Interlocked.Increment(ref next)}.jpg", Photo.Value, "image/jpeg"), ["access_token"] = template.ShopToken }, stop);
                            Assert.True(container.Ok, container.Body);
                            await Task.Delay(300, stop);
                        }
                    });
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var kept = saved.Keys.ToList();
                        var pick = run.Random.Next(3);
                        if (pick == 0 || kept.Count == 0)
                        {
                            var name = $"r{r}-{n}";
                            var answer = await PostJsonAsync(server.Client, "/_pictograph/snapshots", $$"""{"name":"{{name}}"}""", stop);
                            Assert.True(answer.Ok, answer.Body);
                            saved[name] = true;
                            run.Acknowledged();
                        }
                        else if (pick == 1)
                        {
                            var answer = await PostJsonAsync(server.Client, $"/_pictograph/snapshots/{kept[run.Random.Next(kept.Count)]}/restore", "{}", stop);
                            Assert.True(answer.Ok, answer.Body);
                            run.Acknowledged();
                        }
                        else
                        {
                            var answer = await PostJsonAsync(server.Client, "/_pictograph/reset", """{"to":"fixture"}""", stop);
                            Assert.True(answer.Ok, answer.Body);
                            run.Acknowledged();
                        }
                    }

                    await writer;
                },
                before: async server =>
                {
                    // A published photo, so snapshots and resets add and remove media files.
                    var container = await PostFormAsync(server.Client, "/me/media", new() { ["image_url"] = host.Serve($"/s{Interlocked.Increment(ref next)}.jpg", Photo.Value, "image/jpeg"), ["access_token"] = template.ShopToken });
                    Assert.True(container.Ok, container.Body);
                    await run.WaitUntilAsync(async () => (await GetAsync(server.Client, $"/{container.Id}?fields=status_code&access_token={template.ShopToken}")).Body.Contains("FINISHED", StringComparison.Ordinal), () => "the photo to finish");
                    var publish = await PostFormAsync(server.Client, "/me/media_publish", new() { ["creation_id"] = container.Id, ["access_token"] = template.ShopToken });
                    Assert.True(publish.Ok, publish.Body);
                });
            run.AssertNone(CrashInvariants.CheckSnapshotFiles(run.DataDirectory, swept: false), $"the snapshot files after the kill of round {round}");
        }

        await using var final = await run.StartAsync();
        await run.WaitUntilAsync(() => Task.FromResult(CrashInvariants.CheckSettled(run.DataDirectory).Count == 0), () => string.Join("; ", CrashInvariants.CheckSettled(run.DataDirectory)));
        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "after the restart");
        run.AssertNone(CrashInvariants.CheckSnapshotFiles(run.DataDirectory, swept: true), "the snapshot files after the restart");
        var listed = (await GetAsync(final.Client, "/_pictograph/snapshots")).Json.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        run.AssertNone(saved.Keys.Where(name => !listed.Contains(name)).Select(name => $"acknowledged snapshot {name} is gone"), "snapshots");
        foreach (var name in listed)
        {
            var restored = await PostJsonAsync(final.Client, $"/_pictograph/snapshots/{name}/restore", "{}");
            Assert.True(restored.Ok, $"snapshot {name} does not restore: {restored.Body} ({run.Context})");
        }

        await run.WaitUntilAsync(() => Task.FromResult(CrashInvariants.CheckSettled(run.DataDirectory).Count == 0), () => string.Join("; ", CrashInvariants.CheckSettled(run.DataDirectory)));
        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "after restoring every snapshot");
        run.Log($"{saved.Count} snapshots acknowledged, {listed.Count} kept, each restored");
    }

    [Fact]
    public async Task Serve_deletes_the_files_a_killed_process_left_and_keeps_everything_else()
    {
        using var run = new CrashRun(template, "sweep", output);
        var orphan = Path.Combine(run.DataDirectory, "media", "ab", "cd", "17900000000099999.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, Photo.Value);
        // The template's process named slot 0, which the server takes again; another node's file is not its to delete.
        var node = (await File.ReadAllTextAsync(Path.Combine(run.DataDirectory, "nodes", "0.id"))).Trim();
        var own = Path.Combine(run.DataDirectory, "snapshots", $".before.zip.{node}.{Guid.NewGuid():N}.tmp");
        var others = Path.Combine(run.DataDirectory, "snapshots", $".before.zip.{Guid.NewGuid():N}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(own, [1, 2, 3]);
        await File.WriteAllBytesAsync(others, [1, 2, 3]);

        await using var server = await run.StartAsync();

        Assert.False(File.Exists(orphan), "the media file no row refers to is still there");
        Assert.False(File.Exists(own), "this node's snapshot temporary file is still there");
        Assert.True(File.Exists(others), "another node's snapshot temporary file was deleted");
        File.Delete(others);
        run.AssertNone(CrashInvariants.Check(run.DataDirectory), "after the sweep");
        run.AssertNone(CrashInvariants.CheckSnapshotFiles(run.DataDirectory, swept: true), "the snapshot files after the sweep");
    }

    /// <summary>Waits for the container to finish, then publishes it from two calls at once: at most one may succeed.</summary>
    private async Task PublishOnceAsync(CrashServer server, string container, ConcurrentDictionary<string, string> published, ConcurrentQueue<string> problems, CancellationToken stop)
    {
        while (true)
        {
            var status = await GetAsync(server.Client, $"/{container}?fields=status_code&access_token={template.ShopToken}", stop);
            Assert.True(status.Ok, status.Body);
            var code = status.Json.GetProperty("status_code").GetString();
            if (code is "ERROR" or "EXPIRED" or "PUBLISHED")
            {
                return;
            }

            if (code == "FINISHED")
            {
                break;
            }

            await Task.Delay(100, stop);
        }

        var form = new Dictionary<string, string> { ["creation_id"] = container, ["access_token"] = template.ShopToken };
        var answers = await Task.WhenAll(PostFormAsync(server.Client, "/me/media_publish", form, stop), PostFormAsync(server.Client, "/me/media_publish", form, stop));
        var ok = answers.Where(a => a.Ok).ToList();
        if (ok.Count > 1)
        {
            problems.Enqueue($"container {container} published twice: {ok[0].Body} {ok[1].Body}");
        }

        if (ok.Count == 1 && !published.TryAdd(container, ok[0].Id))
        {
            problems.Enqueue($"container {container} published again after a restart: {ok[0].Body}");
        }
    }

    private Task<Answer> ExchangeCodeAsync(CrashServer server, string code, CancellationToken stop) =>
        PostFormAsync(server.Client, "/oauth/access_token", new()
        {
            ["client_id"] = template.AppId.ToString(CultureInfo.InvariantCulture),
            ["client_secret"] = template.AppSecret,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = DemoWorld.DemoRedirectUri,
            ["code"] = code,
        }, stop);

    /// <summary>The demo app subscribes to comments at the receiver and the shop enables it.</summary>
    private async Task SubscribeAsync(CrashServer server, WebhookReceiver receiver)
    {
        var subscribed = await PostFormAsync(server.Client, $"/{template.AppId}/subscriptions", new()
        {
            ["object"] = "instagram",
            ["callback_url"] = receiver.Url,
            ["fields"] = "comments",
            ["verify_token"] = WebhookReceiver.VerifyToken,
            ["access_token"] = template.AppToken,
        });
        Assert.True(subscribed.Ok, subscribed.Body);
        var enabled = await PostFormAsync(server.Client, "/me/subscribed_apps", new() { ["subscribed_fields"] = "comments", ["access_token"] = template.ShopToken });
        Assert.True(enabled.Ok, enabled.Body);
    }
}
