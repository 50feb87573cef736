using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>A server of its own with 10,005 extra grid rows for jane.doe, older than the seeded ones.</summary>
public sealed class BulkMediaServer : IAsyncLifetime
{
    public const int Extra = 10_005;

    private OwnServer? _own;

    public PictographServer Server => _own!.Server;

    public async Task InitializeAsync()
    {
        _own = await OwnServer.StartAsync();
        var seeded = Server.Grid(DemoWorld.PersonalUsername);
        var oldest = seeded.Min(m => m.CreatedAt);
        var fileKey = seeded.First(m => m.MediaType == MediaType.Image).FileKey;
        var rows = new List<Data.Media>(Extra);
        for (var i = 0; i < Extra; i++)
        {
            // Far above any sequence the allocator hands out; rows share timestamps in threes to exercise the id tie-break.
            var id = NodeIds.Compose(NodeKind.Media, 50_000_000 + i);
            rows.Add(new Data.Media
            {
                Id = id,
                Shortcode = Shortcodes.For(id),
                OwnerId = Server.Demo.AccountId,
                MediaType = MediaType.Image,
                ProductType = i % 7 == 0 ? MediaProductType.Reels : MediaProductType.Feed,
                Caption = $"Bulk post {i}",
                CreatedAt = oldest - 3600 - (i / 3 * 60),
                InGrid = true,
                FileKey = fileKey,
            });
        }

        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Media.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}

/// <summary>Basic Display lists at most the 10,000 most recent media; page sizes are clamped to 100.</summary>
public sealed class MediaCapTests(BulkMediaServer bulk) : IClassFixture<BulkMediaServer>
{
    private const int Cap = 10_000;

    private PictographServer Server => bulk.Server;

    [Fact]
    public async Task Only_the_ten_thousand_most_recent_are_reachable()
    {
        var grid = Server.Grid(DemoWorld.PersonalUsername);
        Assert.Equal(BulkMediaServer.Extra, grid.Count(m => m.Caption?.StartsWith("Bulk post ", StringComparison.Ordinal) == true));
        Assert.True(grid.Count > Cap);
        var stopwatch = Stopwatch.StartNew();

        var pages = await PagingWalker.WalkAsync(Server, $"/me/media?limit=100&access_token={Server.Demo.Token}", maxPages: 200);

        var ids = pages.SelectMany(GraphAssert.Ids).ToList();
        Assert.Equal(Cap, ids.Count);
        Assert.Equal(Cap, ids.Distinct().Count());
        Assert.Equal(grid.Take(Cap).Select(m => DemoData.Id(m.Id)), ids);
        Assert.Null(PagingWalker.NextUrl(pages[^1]));
        Assert.Equal(Cap / 100, pages.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"Walking took {stopwatch.Elapsed}.");
    }

    [Fact]
    public async Task The_last_page_before_the_cap_has_no_next_even_with_odd_limits()
    {
        var pages = await PagingWalker.WalkAsync(Server, $"/me/media?limit=97&access_token={Server.Demo.Token}", maxPages: 200);

        var ids = pages.SelectMany(GraphAssert.Ids).ToList();
        Assert.Equal(Cap, ids.Count);
        Assert.Equal(Cap % 97, pages[^1].GetProperty("data").GetArrayLength());
        Assert.Null(PagingWalker.NextUrl(pages[^1]));
    }

    [Fact]
    public async Task Media_count_is_the_whole_grid()
    {
        var response = await Server.GetAsync($"/me?fields=media_count&access_token={Server.Demo.Token}");

        Assert.Equal(Server.Grid(DemoWorld.PersonalUsername).Count, response.Json.GetProperty("media_count").GetInt64());
    }

    [Theory]
    [InlineData("limit=1000", 100)]
    [InlineData("limit=101", 100)]
    [InlineData("limit=100", 100)]
    [InlineData("limit=60", 60)]
    [InlineData("", 25)]
    public async Task Page_size_is_the_limit_clamped_to_a_hundred_and_defaults_to_25(string limit, int expected)
    {
        var response = await Server.GetAsync($"/me/media?{limit}&access_token={Server.Demo.Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(Server.Grid(DemoWorld.PersonalUsername).Take(expected).Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(response.Json));
        Assert.NotNull(PagingWalker.NextUrl(response.Json));
    }

    [Fact]
    public async Task Nested_expansion_is_clamped_too()
    {
        var response = await Server.GetAsync($"/me?fields=media.limit(5000){{id}}&access_token={Server.Demo.Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(100, response.Json.GetProperty("media").GetProperty("data").GetArrayLength());
    }
}
