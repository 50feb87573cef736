using Pictograph.Data.Rows;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Connections;

/// <summary>
/// A level of first comment pages serves kept pages only while the post's version holds: comments added, hidden
/// or deleted, through the API or by another process, show on the very next computed read.
/// </summary>
[Collection(CommentsCollection.Name)]
public sealed class CommentPagesTests(PictographServer server) : IDisposable
{
    private readonly StatementCounter _counter = new(server.DataDirectory);

    public void Dispose() => _counter.Dispose();

    /// <summary>The texts of the post's first comment page, read through a nested expansion and computed afresh.</summary>
    private async Task<List<string>> FirstPageAsync(Data.Media media, string token)
    {
        var response = await server.GetFreshAsync($"/{media.Id}?fields=comments.limit(3){{text}}&access_token={token}");
        Assert.True(response.Status == 200, response.Body);
        return [.. response.Json.GetProperty("comments").GetProperty("data").EnumerateArray().Select(c => c.GetProperty("text").GetString()!)];
    }

    [Fact]
    public async Task A_repeated_level_reads_no_comment_statement_and_the_same_page()
    {
        var media = await server.NewMediaAsync();
        await server.AddCommentAsync(media.Id, CommentWorld.Jane, "one", secondsAgo: 30);
        var token = await server.InstagramTokenAsync();
        var first = await FirstPageAsync(media, token);

        var before = _counter.Count;
        Assert.Equal(first, await FirstPageAsync(media, token));

        Assert.DoesNotContain(_counter.Since(before), sql => sql == CommentRows.NewestTopLevelOf);
        Assert.Equal(["one"], first);
    }

    [Fact]
    public async Task A_comment_posted_through_the_API_shows_on_the_next_read()
    {
        var media = await server.NewMediaAsync();
        await server.AddCommentAsync(media.Id, CommentWorld.Jane, "older", secondsAgo: 30);
        var token = await server.InstagramTokenAsync();
        Assert.Equal(["older"], await FirstPageAsync(media, token));
        Assert.Equal(["older"], await FirstPageAsync(media, token));

        Assert.Equal(200, (await server.PostAsync($"/{media.Id}/comments?message=newest&access_token={token}")).Status);

        Assert.Equal(["newest", "older"], await FirstPageAsync(media, token));
    }

    [Fact]
    public async Task Comments_added_changed_and_deleted_by_another_process_show_on_the_next_read()
    {
        var media = await server.NewMediaAsync();
        var kept = await server.AddCommentAsync(media.Id, CommentWorld.Jane, "kept", secondsAgo: 60);
        var token = await server.InstagramTokenAsync();
        Assert.Equal(["kept"], await FirstPageAsync(media, token));

        var added = await server.AddCommentAsync(media.Id, CommentWorld.Creator, "added", secondsAgo: 30);
        Assert.Equal(["added", "kept"], await FirstPageAsync(media, token));

        Assert.Equal(1, await server.ExecuteOutsideAsync("UPDATE \"Comments\" SET \"Text\" = 'edited elsewhere' WHERE \"Id\" = $id", ("$id", kept.Id)));
        Assert.Equal(["added", "edited elsewhere"], await FirstPageAsync(media, token));

        Assert.Equal(1, await server.ExecuteOutsideAsync("DELETE FROM \"Comments\" WHERE \"Id\" = $id", ("$id", added.Id)));
        Assert.Equal(["edited elsewhere"], await FirstPageAsync(media, token));
    }
}
