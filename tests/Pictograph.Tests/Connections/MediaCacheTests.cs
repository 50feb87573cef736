using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Connections;

/// <summary>
/// Grid pages serve kept copies of media rows only while the grid index shows their version: a change made
/// through the API, or written to the database by another process, shows on the very next page.
/// </summary>
[Collection(CommentsCollection.Name)]
public sealed class MediaCacheTests(PictographServer server)
{
    private async Task<System.Text.Json.JsonElement> GridItemAsync(string token, Data.Media media)
    {
        var page = await server.GetAsync($"/me/media?fields=id,caption,is_comment_enabled&limit=100&access_token={token}");
        Assert.True(page.Status == 200, page.Body);
        return page.Json.GetProperty("data").EnumerateArray().Single(item => item.GetProperty("id").GetString() == DemoData.Id(media.Id));
    }

    [Fact]
    public async Task A_grid_page_shows_a_change_made_through_the_API()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();
        Assert.True((await GridItemAsync(token, media)).GetProperty("is_comment_enabled").GetBoolean());
        Assert.True((await GridItemAsync(token, media)).GetProperty("is_comment_enabled").GetBoolean());

        Assert.Equal(200, (await server.PostAsync($"/{media.Id}?comment_enabled=false&access_token={token}")).Status);

        Assert.False((await GridItemAsync(token, media)).GetProperty("is_comment_enabled").GetBoolean());
    }

    [Fact]
    public async Task A_grid_page_shows_a_change_another_process_wrote_to_the_database()
    {
        var media = await server.NewMediaAsync();
        var token = await server.InstagramTokenAsync();
        var before = (await GridItemAsync(token, media)).GetProperty("caption").GetString();
        Assert.Equal(before, (await GridItemAsync(token, media)).GetProperty("caption").GetString());

        Assert.Equal(1, await server.ExecuteOutsideAsync("UPDATE \"Media\" SET \"Caption\" = 'written elsewhere' WHERE \"Id\" = $id", ("$id", media.Id)));

        Assert.NotEqual("written elsewhere", before);
        Assert.Equal("written elsewhere", (await GridItemAsync(token, media)).GetProperty("caption").GetString());
    }
}
