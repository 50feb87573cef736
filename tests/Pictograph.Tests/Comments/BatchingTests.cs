using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Comments.CommentWorld;

namespace Pictograph.Tests.Comments;

/// <summary>No N+1: comment counts, likes and comment pages of a whole media list cost the same few statements however long the list.</summary>
[Collection(CommentsCollection.Name)]
public sealed class BatchingTests(PictographServer server)
{
    [Fact]
    public async Task A_longer_media_list_runs_no_more_statements()
    {
        // A fresh owner's grid is the only list here: studio.creator's, topped up with media that all have comments and replies.
        for (var i = 0; i < 12; i++)
        {
            var media = await server.NewMediaAsync(Creator);
            var top = await server.AddCommentAsync(media.Id, Jane, $"top {i}");
            await server.AddCommentAsync(media.Id, Shop, $"reply {i}", secondsAgo: 30, parentId: top.Id);
            await server.LikeMediaAsync(media.Id, Jane);
            await server.LikeCommentAsync(top.Id, Shop);
        }

        var token = await server.FacebookTokenAsync();
        var creator = server.Account(Creator).Id;
        const string Fields = "comments_count,like_count,comments{text,username,from,like_count,media,user,replies{text,username,like_count}}";
        string Url(int limit) => $"/{creator}/media?fields={Fields}&limit={limit}&access_token={token}";
        using var counter = new StatementCounter(server.DataDirectory);
        // EF Core re-checks for listeners once its logging cache time (1 s) has passed on a (pooled) context.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await CountStatementsAsync(counter, Url(1)); // warms the token cache

        // The fewest of three runs each: a cache entry (token, app, usage owner) expiring mid-test adds a
        // lookup to one run, which says nothing about batching.
        var one = await FewestStatementsAsync(counter, Url(1));
        var twelve = await FewestStatementsAsync(counter, Url(12));

        Assert.InRange(one, 5, 20); // the counter sees this server's statements: one per list, count and name lookup
        Assert.Equal(one, twelve);
    }

    private async Task<int> FewestStatementsAsync(StatementCounter counter, string url)
    {
        var fewest = int.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            fewest = Math.Min(fewest, await CountStatementsAsync(counter, url));
        }

        return fewest;
    }

    private async Task<int> CountStatementsAsync(StatementCounter counter, string url)
    {
        var before = counter.Count;
        var response = await server.GetFreshAsync(url);
        Assert.True(response.Status == 200, response.Body);
        Assert.All(response.Json.GetProperty("data").EnumerateArray(), m => Assert.Equal(2, m.GetProperty("comments_count").GetInt64()));
        return counter.Count - before;
    }
}
