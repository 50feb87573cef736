using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Performance;

/// <summary>
/// Kept answers to repeated reads: served without a statement while nothing commits, retired by any commit,
/// kept no longer than the clock-dependent parts allow, and never a way around the checks every call runs.
/// </summary>
[Collection(CommentsCollection.Name)]
public sealed class AnswerCacheTests(PictographServer server) : IDisposable
{
    private readonly StatementCounter _counter = new(server.DataDirectory);

    public void Dispose() => _counter.Dispose();

    private async Task<(GraphResponse Response, int Statements)> CountedAsync(Func<Task<GraphResponse>> call)
    {
        var before = _counter.Count;
        var response = await call();
        Assert.True(response.Status == 200, response.Body);
        return (response, _counter.Count - before);
    }

    [Fact]
    public async Task A_repeated_read_runs_no_statement_and_answers_the_same_bytes()
    {
        var media = await server.NewMediaAsync();
        await server.AddCommentAsync(media.Id, CommentWorld.Jane, "first");
        var token = await server.InstagramTokenAsync();
        var url = $"/me/media?fields=id,caption,comments_count,comments.limit(2){{text,username}}&limit=5&access_token={token}";

        var (computed, computing) = await CountedAsync(() => server.GetAsync(url));
        var (kept, keeping) = await CountedAsync(() => server.GetAsync(url));
        var (fresh, refreshing) = await CountedAsync(() => server.GetFreshAsync(url));

        Assert.True(computing > 0);
        Assert.Equal(0, keeping);
        Assert.True(refreshing > 0, "Cache-Control: no-cache computes the answer again");
        Assert.Equal(computed.Body, kept.Body);
        Assert.Equal(computed.Body, fresh.Body);
        Assert.Contains("\"first\"", kept.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_through_the_API_shows_on_the_next_identical_read()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();
        var url = $"/{media.Id}/comments?fields=text&access_token={token}";
        Assert.Empty((await server.GetAsync(url)).Json.GetProperty("data").EnumerateArray());
        Assert.Empty((await server.GetAsync(url)).Json.GetProperty("data").EnumerateArray());

        Assert.Equal(200, (await server.PostAsync($"/{media.Id}/comments?message=hello&access_token={token}")).Status);

        var after = await server.GetAsync(url);
        Assert.Equal("hello", Assert.Single(after.Json.GetProperty("data").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_commit_by_a_connection_the_server_does_not_know_shows_on_the_next_identical_read()
    {
        var token = await server.InstagramTokenAsync(CommentWorld.Creator);
        var url = $"/me?fields=id,biography&access_token={token}";
        var before = (await server.GetAsync(url)).Body;
        Assert.Equal(before, (await server.GetAsync(url)).Body);

        var biography = $"written elsewhere {Guid.NewGuid():N}";
        Assert.Equal(1, await server.ExecuteOutsideAsync(
            "UPDATE \"Accounts\" SET \"Biography\" = $text WHERE \"Id\" = $id",
            ("$text", biography),
            ("$id", server.Account(CommentWorld.Creator).Id)));

        Assert.Equal(biography, (await server.GetAsync(url)).Json.GetProperty("biography").GetString());
    }

    [Fact]
    public async Task A_read_that_depends_on_the_clock_is_computed_every_time()
    {
        var token = await server.InstagramTokenAsync(CommentWorld.Creator);
        var url = $"/me/stories?fields=id&access_token={token}";
        await CountedAsync(() => server.GetAsync(url));

        Assert.True((await CountedAsync(() => server.GetAsync(url))).Statements > 0);
    }

    [Fact]
    public async Task A_kept_answer_with_a_live_story_ends_when_the_story_expires()
    {
        await using var own = await OwnServer.StartAsync();
        var shop = own.Server.Account(CommentWorld.Shop).Id;
        // Expires 30 seconds from now: sooner than anything else would retire the kept answer.
        var story = await own.Server.AddMediaAsync(shop, MediaProductType.Story, own.Server.Now() - (24 * 3600) + 30);
        var token = await own.Server.InstagramLoginTokenAsync(CommentWorld.Shop);
        var url = $"/{story}?fields=id,media_product_type&access_token={token}";
        Assert.Equal("STORY", (await own.Server.GetAsync(url)).Json.GetProperty("media_product_type").GetString());
        Assert.Equal(200, (await own.Server.GetAsync(url)).Status);

        own.Server.Clock.Advance(TimeSpan.FromSeconds(30));

        GraphAssert.Error(await own.Server.GetAsync(url), 400, 100);
    }

    [Fact]
    public async Task A_kept_media_url_is_signed_again_when_its_expiry_rolls_over()
    {
        await using var own = await OwnServer.StartAsync();
        // URLs expire at whole hours, three days ahead: from the start plus one second, the next change is an hour on.
        own.Server.Clock.Advance(TimeSpan.FromSeconds(3590));
        var url = $"/me/media?fields=media_url&limit=1&access_token={own.Server.Demo.Token}";
        var first = MediaUrl(await own.Server.GetAsync(url));
        Assert.Equal(first, MediaUrl(await own.Server.GetAsync(url)));

        own.Server.Clock.Advance(TimeSpan.FromSeconds(20));

        var second = MediaUrl(await own.Server.GetAsync(url));
        Assert.NotEqual(first, second);
        Assert.Equal(second, MediaUrl(await own.Server.GetFreshAsync(url)));
    }

    [Fact]
    public async Task Every_kept_answer_is_still_charged_to_the_caller()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:UserCallsPerWindow=3");
        var url = $"/me?fields=id,username&access_token={own.Server.Demo.Token}";
        for (var call = 0; call < 3; call++)
        {
            var answer = await own.Server.GetAsync(url);
            Assert.Equal(200, answer.Status);
            Assert.True(answer.Headers.Contains("X-App-Usage"));
        }

        GraphAssert.Error(await own.Server.GetAsync(url), 400, 17);
    }

    [Fact]
    public async Task An_expired_token_is_refused_although_its_answer_was_kept()
    {
        await using var own = await OwnServer.StartAsync();
        var token = await own.Server.IssueTokenAsync("jane.doe", kind: TokenKind.ShortLived);
        var url = $"/me?fields=id,username&access_token={token}";
        Assert.Equal(200, (await own.Server.GetAsync(url)).Status);
        Assert.Equal(200, (await own.Server.GetAsync(url)).Status);

        own.Server.Clock.Advance(TimeSpan.FromHours(1));

        GraphAssert.Error(await own.Server.GetAsync(url), 400, 190);
    }

    [Fact]
    public async Task With_no_memory_for_answers_every_read_is_computed()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AnswerCacheMegabytes=0");
        using var counter = new StatementCounter(own.Server.DataDirectory);
        var url = $"/me/media?fields=id,caption&access_token={own.Server.Demo.Token}";
        Assert.Equal(200, (await own.Server.GetAsync(url)).Status);

        var before = counter.Count;
        Assert.Equal(200, (await own.Server.GetAsync(url)).Status);
        Assert.True(counter.Count > before);
    }

    private static string MediaUrl(GraphResponse response) =>
        response.Json.GetProperty("data")[0].GetProperty("media_url").GetString()!;
}
