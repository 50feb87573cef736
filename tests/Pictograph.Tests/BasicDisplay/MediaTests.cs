using System.Text.Json;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary><c>/me/media</c>, <c>/{media-id}</c> and <c>/{media-id}/children</c>.</summary>
[Collection(ServerCollection.Name)]
public sealed class MediaTests(PictographServer server)
{
    private const string AllFields = "id,caption,media_type,media_url,permalink,thumbnail_url,timestamp,username";
    private const string TimestampPattern = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$";

    private string Token => server.Demo.Token;

    private string Origin => server.BaseAddress.GetLeftPart(UriPartial.Authority);

    private List<Data.Media> Grid => server.Grid(DemoWorld.PersonalUsername);

    private Data.Media Album => Grid.Single(m => m.MediaType == MediaType.CarouselAlbum);

    private static string TypeName(MediaType type) => type switch
    {
        MediaType.Image => "IMAGE",
        MediaType.Video => "VIDEO",
        _ => "CAROUSEL_ALBUM",
    };

    /// <summary>Checks one media JSON object against its row, field by field.</summary>
    private void AssertMedia(Data.Media expected, JsonElement actual, bool isChild = false)
    {
        Assert.Equal(DemoData.Id(expected.Id), actual.GetProperty("id").GetString());
        if (isChild || expected.Caption is null)
        {
            Assert.False(actual.TryGetProperty("caption", out _), $"{expected.Id} has a caption");
        }
        else
        {
            Assert.Equal(expected.Caption, actual.GetProperty("caption").GetString());
        }

        Assert.Equal(TypeName(expected.MediaType), actual.GetProperty("media_type").GetString());
        var mediaUrl = actual.GetProperty("media_url").GetString()!;
        Assert.StartsWith($"{Origin}/media/{expected.FileKey}?oe=", mediaUrl, StringComparison.Ordinal);
        var section = expected.ProductType == MediaProductType.Reels ? "reel" : "p";
        Assert.Equal($"{Origin}/{section}/{expected.Shortcode}/", actual.GetProperty("permalink").GetString());
        if (expected.MediaType == MediaType.Video)
        {
            Assert.StartsWith($"{Origin}/media/{expected.ThumbnailKey}?oe=", actual.GetProperty("thumbnail_url").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.False(actual.TryGetProperty("thumbnail_url", out _), $"{expected.Id} ({expected.MediaType}) has a thumbnail_url");
        }

        var timestamp = actual.GetProperty("timestamp").GetString()!;
        Assert.Matches(TimestampPattern, timestamp);
        Assert.Equal(DemoData.Timestamp(expected.CreatedAt), timestamp);
        Assert.Equal(DemoWorld.PersonalUsername, actual.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Media_edge_lists_the_grid_newest_first_with_ids_only_by_default()
    {
        var response = await server.GetAsync($"/me/media?access_token={Token}");

        Assert.Equal(200, response.Status);
        var data = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Grid.Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(response.Json));
        Assert.All(data, item => Assert.Equal(["id"], GraphAssert.Names(item)));
        // Fewer than the default page of 25: one page, no links to follow.
        Assert.False(response.Json.GetProperty("paging").TryGetProperty("next", out _));
        Assert.False(response.Json.GetProperty("paging").TryGetProperty("previous", out _));
    }

    [Fact]
    public async Task Media_edge_leaves_out_stories_ads_and_album_children()
    {
        var all = server.AllMedia(DemoWorld.PersonalUsername);
        var hidden = all.Where(m => m.ProductType is MediaProductType.Story or MediaProductType.Ad || m.ParentId is not null).ToList();
        Assert.Contains(hidden, m => m.ProductType == MediaProductType.Story);
        Assert.Contains(hidden, m => m.ProductType == MediaProductType.Ad);
        Assert.Contains(hidden, m => m.ParentId is not null);

        var response = await server.GetAsync($"/me/media?limit=100&access_token={Token}");

        var ids = GraphAssert.Ids(response.Json);
        Assert.Equal(all.Count - hidden.Count, ids.Count);
        Assert.All(hidden, m => Assert.DoesNotContain(DemoData.Id(m.Id), ids));
    }

    [Fact]
    public async Task Media_edge_is_ordered_by_timestamp_descending()
    {
        var response = await server.GetAsync($"/me/media?fields=timestamp&access_token={Token}");

        var times = response.Json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("timestamp").GetString()!).ToList();
        Assert.Equal(Grid.Count, times.Count);
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
        Assert.All(times, t => Assert.Matches(TimestampPattern, t));
    }

    [Theory]
    [InlineData("/me/media")]
    [InlineData("/v25.0/me/media")]
    [InlineData("/{jane}/media")]
    public async Task Media_edge_answers_every_field(string path)
    {
        var response = await server.GetAsync($"{path.Replace("{jane}", DemoData.Id(server.Demo.AccountId), StringComparison.Ordinal)}?fields={AllFields}&access_token={Token}");

        Assert.Equal(200, response.Status);
        var data = response.Json.GetProperty("data").EnumerateArray().ToList();
        var grid = Grid;
        Assert.Equal(grid.Count, data.Count);
        // The seed must cover each media type and a reel, or the per-type checks prove little.
        Assert.Contains(grid, m => m.MediaType == MediaType.Video);
        Assert.Contains(grid, m => m.MediaType == MediaType.CarouselAlbum);
        Assert.Contains(grid, m => m.ProductType == MediaProductType.Reels);
        for (var i = 0; i < grid.Count; i++)
        {
            AssertMedia(grid[i], data[i]);
            var expectedNames = AllFields.Split(',').Where(f => f != "thumbnail_url" || grid[i].MediaType == MediaType.Video);
            Assert.Equal(expectedNames, GraphAssert.Names(data[i]));
        }
    }

    [Fact]
    public async Task Media_node_answers_every_field()
    {
        foreach (var media in Grid)
        {
            var response = await server.GetAsync($"/{DemoData.Id(media.Id)}?fields={AllFields}&access_token={Token}");
            Assert.Equal(200, response.Status);
            AssertMedia(media, response.Json);
        }
    }

    [Fact]
    public async Task Media_node_without_fields_is_its_id()
    {
        var media = Grid[0];

        var response = await server.GetAsync($"/v21.0/{DemoData.Id(media.Id)}?access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["id"], GraphAssert.Names(response.Json));
        Assert.Equal(DemoData.Id(media.Id), response.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reels_are_shared_to_feed_and_other_media_leave_the_field_out()
    {
        var response = await server.GetAsync($"/me/media?fields=is_shared_to_feed&access_token={Token}");

        var data = response.Json.GetProperty("data").EnumerateArray().ToList();
        var grid = Grid;
        for (var i = 0; i < grid.Count; i++)
        {
            if (grid[i].ProductType == MediaProductType.Reels)
            {
                Assert.True(data[i].GetProperty("is_shared_to_feed").GetBoolean());
            }
            else
            {
                Assert.False(data[i].TryGetProperty("is_shared_to_feed", out _));
            }
        }
    }

    [Fact]
    public async Task Children_are_expanded_only_on_albums_and_in_carousel_order()
    {
        var response = await server.GetAsync($"/me/media?fields=id,media_type,children{{{AllFields}}}&access_token={Token}");

        Assert.Equal(200, response.Status);
        var data = response.Json.GetProperty("data").EnumerateArray().ToList();
        var grid = Grid;
        for (var i = 0; i < grid.Count; i++)
        {
            if (grid[i].MediaType != MediaType.CarouselAlbum)
            {
                Assert.Equal(["id", "media_type"], GraphAssert.Names(data[i]));
                continue;
            }

            Assert.Equal(["id", "media_type", "children"], GraphAssert.Names(data[i]));
            var children = server.Children(grid[i].Id);
            Assert.True(children.Count >= 2, "The seeded album has too few children to check their order.");
            var items = data[i].GetProperty("children").GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(children.Select(c => DemoData.Id(c.Id)), items.Select(c => c.GetProperty("id").GetString()));
            for (var c = 0; c < children.Count; c++)
            {
                AssertMedia(children[c], items[c], isChild: true);
            }
        }
    }

    [Fact]
    public async Task Children_field_defaults_to_ids()
    {
        var response = await server.GetAsync($"/{DemoData.Id(Album.Id)}?fields=children&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["children", "id"], GraphAssert.Names(response.Json));
        var items = response.Json.GetProperty("children").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(server.Children(Album.Id).Select(c => DemoData.Id(c.Id)), items.Select(c => c.GetProperty("id").GetString()));
        Assert.All(items, item => Assert.Equal(["id"], GraphAssert.Names(item)));
    }

    [Fact]
    public async Task Children_field_is_absent_on_non_albums()
    {
        foreach (var media in Grid.Where(m => m.MediaType != MediaType.CarouselAlbum))
        {
            var response = await server.GetAsync($"/{DemoData.Id(media.Id)}?fields=id,children{{id}}&access_token={Token}");
            Assert.Equal(200, response.Status);
            Assert.Equal(["id"], GraphAssert.Names(response.Json));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/v21.0")]
    public async Task Album_children_path_lists_them_in_order(string version)
    {
        var children = server.Children(Album.Id);

        var response = await server.GetAsync($"{version}/{DemoData.Id(Album.Id)}/children?fields={AllFields}&access_token={Token}");

        Assert.Equal(200, response.Status);
        var items = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(children.Select(c => DemoData.Id(c.Id)), items.Select(c => c.GetProperty("id").GetString()));
        for (var c = 0; c < children.Count; c++)
        {
            AssertMedia(children[c], items[c], isChild: true);
        }
    }

    [Fact]
    public async Task Album_children_path_defaults_to_ids()
    {
        var response = await server.GetAsync($"/{DemoData.Id(Album.Id)}/children?access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.All(response.Json.GetProperty("data").EnumerateArray(), item => Assert.Equal(["id"], GraphAssert.Names(item)));
        Assert.Equal(server.Children(Album.Id).Select(c => DemoData.Id(c.Id)), GraphAssert.Ids(response.Json));
    }

    [Fact]
    public async Task Children_path_of_an_image_or_video_is_an_empty_list()
    {
        var single = Grid.Where(m => m.MediaType != MediaType.CarouselAlbum).ToList();
        Assert.Contains(single, m => m.MediaType == MediaType.Image);
        Assert.Contains(single, m => m.MediaType == MediaType.Video);

        foreach (var media in single)
        {
            var response = await server.GetAsync($"/{DemoData.Id(media.Id)}/children?access_token={Token}");
            Assert.Equal(200, response.Status);
            Assert.Equal("""{"data":[]}""", response.Body);
        }
    }

    [Fact]
    public async Task Album_child_read_directly_has_no_caption()
    {
        var child = server.Children(Album.Id)[0];

        var response = await server.GetAsync($"/{DemoData.Id(child.Id)}?fields=id,caption,media_type,media_url&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["id", "media_type", "media_url"], GraphAssert.Names(response.Json));
        Assert.Equal("IMAGE", response.Json.GetProperty("media_type").GetString());
    }

    [Fact]
    public async Task Album_media_url_is_its_first_child_image()
    {
        var firstChild = server.Children(Album.Id)[0];

        var response = await server.GetAsync($"/{DemoData.Id(Album.Id)}?fields=media_url&access_token={Token}");

        Assert.StartsWith($"{Origin}/media/{firstChild.FileKey}?", response.Json.GetProperty("media_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_fields_on_a_scalar_are_refused()
    {
        var response = await server.GetAsync($"/me/media?fields=caption{{id}}&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
    }

    [Fact]
    public async Task Media_edge_of_another_token_lists_that_accounts_own_grid()
    {
        var shop = server.Grid("example_shop");
        var token = await server.IssueTokenAsync("example_shop");

        var response = await server.GetAsync($"/me/media?fields=id,username&access_token={token}");

        Assert.Equal(shop.Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(response.Json));
        Assert.All(response.Json.GetProperty("data").EnumerateArray(), m => Assert.Equal("example_shop", m.GetProperty("username").GetString()));
    }
}
