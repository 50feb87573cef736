using System.Text.Json;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>Cursor paging of <c>/me/media</c>: links followed verbatim, limits, cursors and time windows.</summary>
[Collection(ServerCollection.Name)]
public sealed class PagingTests(PictographServer server)
{
    private string Token => server.Demo.Token;

    private List<string> GridIds => [.. server.Grid(DemoWorld.PersonalUsername).Select(m => DemoData.Id(m.Id))];

    private static List<string> Flatten(IEnumerable<JsonElement> pages) => [.. pages.SelectMany(GraphAssert.Ids)];

    [Fact]
    public async Task Following_next_visits_every_item_once_in_order()
    {
        var pages = await PagingWalker.WalkAsync(server, $"/me/media?limit=2&access_token={Token}");

        var expected = GridIds;
        Assert.True(expected.Count > 4, "The seeded grid is too small to page through.");
        Assert.Equal(expected, Flatten(pages));
        Assert.Equal((expected.Count + 1) / 2, pages.Count);
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.GetProperty("data").GetArrayLength()));
        Assert.Null(PagingWalker.NextUrl(pages[^1]));
        Assert.Null(PagingWalker.NextUrl(pages[0], "previous"));
        Assert.All(pages.Skip(1), page => Assert.NotNull(PagingWalker.NextUrl(page, "previous")));
    }

    [Fact]
    public async Task Next_link_is_absolute_on_this_server_and_carries_the_request()
    {
        var response = await server.GetAsync($"/me/media?fields=id,caption&limit=2&access_token={Token}");

        var next = PagingWalker.NextUrl(response.Json)!;
        PagingWalker.AssertPointsAtServer(server, next);
        Assert.StartsWith($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/v25.0/{DemoData.Id(server.Demo.AccountId)}/media?", next, StringComparison.Ordinal);
        Assert.Equal(Token, PagingWalker.Query(next, "access_token"));
        Assert.Equal("id,caption", PagingWalker.Query(next, "fields"));
        Assert.Equal("2", PagingWalker.Query(next, "limit"));
        var cursors = response.Json.GetProperty("paging").GetProperty("cursors");
        Assert.Equal(cursors.GetProperty("after").GetString(), PagingWalker.Query(next, "after"));
        Assert.StartsWith("QVFI", cursors.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("QVFI", cursors.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_links_keep_the_fields_of_the_first_request()
    {
        var pages = await PagingWalker.WalkAsync(server, $"/me/media?fields=caption,timestamp&limit=3&access_token={Token}");

        Assert.True(pages.Count > 1);
        Assert.All(pages.SelectMany(p => p.GetProperty("data").EnumerateArray()), item =>
        {
            var names = GraphAssert.Names(item);
            Assert.Equal("id", names[^1]);
            Assert.Contains("timestamp", names);
        });
    }

    [Fact]
    public async Task Bearer_first_request_gives_next_links_that_carry_the_token()
    {
        var first = await server.GetAsync("/me/media?limit=2", bearer: Token);
        Assert.Equal(200, first.Status);
        var next = PagingWalker.NextUrl(first.Json)!;
        Assert.Equal(Token, PagingWalker.Query(next, "access_token"));

        // Followed without any header: the link alone must be enough.
        var rest = await PagingWalker.WalkAsync(server, next);

        Assert.Equal(GridIds, Flatten([first.Json, .. rest]));
    }

    [Fact]
    public async Task Following_previous_from_the_last_page_walks_back_through_everything()
    {
        var forward = await PagingWalker.WalkAsync(server, $"/me/media?limit=2&access_token={Token}");
        var last = forward[^1];
        var previous = PagingWalker.NextUrl(last, "previous");
        Assert.NotNull(previous);

        var backward = await PagingWalker.WalkAsync(server, previous, link: "previous");

        // Each page keeps its own order; the pages come newest-last.
        var pages = backward.AsEnumerable().Reverse().Append(last);
        Assert.Equal(GridIds, Flatten(pages));
        Assert.Null(PagingWalker.NextUrl(backward[^1], "previous"));
        Assert.All(backward, page => Assert.NotNull(PagingWalker.NextUrl(page)));
    }

    [Fact]
    public async Task Previous_then_next_come_back_to_the_same_page()
    {
        var first = await server.GetAsync($"/me/media?limit=3&access_token={Token}");
        var second = await server.GetAsync(PagingWalker.NextUrl(first.Json)!);
        var back = await server.GetAsync(PagingWalker.NextUrl(second.Json, "previous")!);
        var again = await server.GetAsync(PagingWalker.NextUrl(back.Json)!);

        Assert.Equal(GraphAssert.Ids(first.Json), GraphAssert.Ids(back.Json));
        Assert.Equal(GraphAssert.Ids(second.Json), GraphAssert.Ids(again.Json));
        Assert.Null(PagingWalker.NextUrl(back.Json, "previous"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Invalid_limit_is_a_100(string limit)
    {
        var response = await server.GetAsync($"/me/media?limit={limit}&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Large_limit_answers_at_most_a_hundred()
    {
        var response = await server.GetAsync($"/me/media?limit=1000&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(GridIds, GraphAssert.Ids(response.Json));
        Assert.Null(PagingWalker.NextUrl(response.Json));
    }

    [Fact]
    public async Task Limit_one_pages_item_by_item()
    {
        var pages = await PagingWalker.WalkAsync(server, $"/me/media?limit=1&access_token={Token}");

        Assert.Equal(GridIds, Flatten(pages));
        Assert.Equal(GridIds.Count, pages.Count);
    }

    [Theory]
    [InlineData("after")]
    [InlineData("before")]
    public async Task Tampered_cursor_is_a_100(string parameter)
    {
        var first = await server.GetAsync($"/me/media?limit=2&access_token={Token}");
        var second = await server.GetAsync(PagingWalker.NextUrl(first.Json)!);
        var cursor = second.Json.GetProperty("paging").GetProperty("cursors").GetProperty(parameter).GetString()!;

        foreach (var at in new[] { 0, 5, cursor.Length / 2, cursor.Length - 2 })
        {
            var tampered = string.Concat(cursor.AsSpan(0, at), cursor[at] == 'A' ? "B" : "A", cursor.AsSpan(at + 1));
            var response = await server.GetAsync($"/me/media?limit=2&{parameter}={tampered}&access_token={Token}");
            GraphAssert.Error(response, 400, 100, message: $"(#100) The {parameter} cursor is not valid for this request");
        }

        var untouched = await server.GetAsync($"/me/media?limit=2&{parameter}={cursor}&access_token={Token}");
        Assert.Equal(200, untouched.Status);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("QVFI")]
    [InlineData("%00%01")]
    [InlineData("====")]
    public async Task Garbage_cursor_is_a_100(string cursor)
    {
        var response = await server.GetAsync($"/me/media?after={cursor}&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Cursor_of_the_children_edge_is_refused_on_the_media_edge()
    {
        var album = server.Grid(DemoWorld.PersonalUsername).Single(m => m.MediaType == MediaType.CarouselAlbum);
        var children = await server.GetAsync($"/{DemoData.Id(album.Id)}/children?limit=1&access_token={Token}");
        var cursor = children.Json.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString();

        var response = await server.GetAsync($"/me/media?after={cursor}&access_token={Token}");

        GraphAssert.Error(response, 400, 100, message: "(#100) The after cursor is not valid for this request");
    }

    [Fact]
    public async Task Cursor_of_another_user_is_refused()
    {
        var shop = await server.IssueTokenAsync("example_shop");
        var theirs = await server.GetAsync($"/me/media?limit=1&access_token={shop}");
        var cursor = theirs.Json.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString();

        var response = await server.GetAsync($"/me/media?after={cursor}&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task After_and_before_together_are_a_100()
    {
        var first = await server.GetAsync($"/me/media?limit=2&access_token={Token}");
        var cursors = first.Json.GetProperty("paging").GetProperty("cursors");

        var response = await server.GetAsync($"/me/media?after={cursors.GetProperty("after").GetString()}&before={cursors.GetProperty("before").GetString()}&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Cursor_works_on_a_versioned_path()
    {
        var first = await server.GetAsync($"/v21.0/me/media?limit=2&access_token={Token}");
        var next = PagingWalker.NextUrl(first.Json)!;
        Assert.StartsWith($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/v21.0/", next, StringComparison.Ordinal);
        var after = first.Json.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString();

        var byHand = await server.GetAsync($"/v21.0/me/media?limit=2&after={after}&access_token={Token}");
        var byLink = await server.GetAsync(next);
        var unversioned = await server.GetAsync($"/me/media?limit=2&after={after}&access_token={Token}");

        Assert.Equal(GridIds.Skip(2).Take(2), GraphAssert.Ids(byHand.Json));
        Assert.Equal(GridIds.Skip(2).Take(2), GraphAssert.Ids(byLink.Json));
        Assert.Equal(GridIds.Skip(2).Take(2), GraphAssert.Ids(unversioned.Json));
    }

    [Fact]
    public async Task Since_and_until_are_inclusive_unix_seconds()
    {
        var grid = server.Grid(DemoWorld.PersonalUsername);
        var since = grid[8].CreatedAt;
        var until = grid[3].CreatedAt;
        var expected = grid.Where(m => m.CreatedAt >= since && m.CreatedAt <= until).Select(m => DemoData.Id(m.Id)).ToList();
        Assert.Contains(DemoData.Id(grid[8].Id), expected);
        Assert.Contains(DemoData.Id(grid[3].Id), expected);
        Assert.True(expected.Count < grid.Count - 2);

        var both = await server.GetAsync($"/me/media?since={since}&until={until}&access_token={Token}");
        var onlySince = await server.GetAsync($"/me/media?since={since}&access_token={Token}");
        var onlyUntil = await server.GetAsync($"/me/media?until={until}&access_token={Token}");

        Assert.Equal(expected, GraphAssert.Ids(both.Json));
        Assert.Equal(grid.Where(m => m.CreatedAt >= since).Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(onlySince.Json));
        Assert.Equal(grid.Where(m => m.CreatedAt <= until).Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(onlyUntil.Json));
    }

    [Fact]
    public async Task Since_and_until_hold_across_pages()
    {
        var grid = server.Grid(DemoWorld.PersonalUsername);
        var since = grid[^2].CreatedAt;
        var until = grid[1].CreatedAt;
        var expected = grid.Where(m => m.CreatedAt >= since && m.CreatedAt <= until).Select(m => DemoData.Id(m.Id)).ToList();

        var pages = await PagingWalker.WalkAsync(server, $"/me/media?since={since}&until={until}&limit=2&access_token={Token}");
        var back = await PagingWalker.WalkAsync(server, PagingWalker.NextUrl(pages[^1], "previous")!, link: "previous");

        Assert.Equal(expected, Flatten(pages));
        Assert.Equal(expected, Flatten(back.AsEnumerable().Reverse().Append(pages[^1])));
        var next = PagingWalker.NextUrl(pages[0])!;
        Assert.Equal(since.ToString(System.Globalization.CultureInfo.InvariantCulture), PagingWalker.Query(next, "since"));
        Assert.Equal(until.ToString(System.Globalization.CultureInfo.InvariantCulture), PagingWalker.Query(next, "until"));
    }

    [Fact]
    public async Task Empty_time_window_is_an_empty_list()
    {
        var newest = server.Grid(DemoWorld.PersonalUsername)[0].CreatedAt;

        var response = await server.GetAsync($"/me/media?since={newest + 1}&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"data":[]}""", response.Body);
    }

    [Fact]
    public async Task Invalid_since_is_a_100()
    {
        var response = await server.GetAsync($"/me/media?since=yesterday-ish&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Nested_media_expansion_pages_on_from_its_next_link()
    {
        var response = await server.GetAsync($"/me?fields=media.limit(2){{id,caption}}&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["media", "id"], GraphAssert.Names(response.Json));
        var media = response.Json.GetProperty("media");
        var grid = server.Grid(DemoWorld.PersonalUsername);
        Assert.Equal(GridIds.Take(2), GraphAssert.Ids(media));
        Assert.Equal(grid[0].Caption, media.GetProperty("data")[0].GetProperty("caption").GetString());
        var next = PagingWalker.NextUrl(media)!;
        PagingWalker.AssertPointsAtServer(server, next);
        Assert.Equal(Token, PagingWalker.Query(next, "access_token"));

        var rest = await PagingWalker.WalkAsync(server, next);

        Assert.Equal(GridIds, Flatten([media, .. rest]));
        Assert.All(rest.SelectMany(p => p.GetProperty("data").EnumerateArray()), item => Assert.Contains(GraphAssert.Names(item), n => n == "id"));
        Assert.Equal(grid[2].Caption, rest[0].GetProperty("data")[0].GetProperty("caption").GetString());
    }

    [Fact]
    public async Task Nested_media_expansion_with_since_keeps_the_window_in_its_links()
    {
        var grid = server.Grid(DemoWorld.PersonalUsername);
        var since = grid[6].CreatedAt;
        var expected = grid.Where(m => m.CreatedAt >= since).Select(m => DemoData.Id(m.Id)).ToList();

        var response = await server.GetAsync($"/me?fields=media.since({since}).limit(2){{id}}&access_token={Token}");
        var media = response.Json.GetProperty("media");
        var rest = await PagingWalker.WalkAsync(server, PagingWalker.NextUrl(media)!);

        Assert.Equal(expected, Flatten([media, .. rest]));
    }
}
