using System.Net;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.OAuth;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary>Permalink views count as a real service counts them: once per viewer and window, anonymous ones bounded per address.</summary>
public sealed class ViewCountingTests
{
    private static List<Data.Media> Posts(PictographServer server) =>
        [.. server.Grid("example_shop").Where(m => m.ProductType == MediaProductType.Feed && m.Shortcode is not null)];

    private static HttpClient Visitor(PictographServer server, int n) =>
        new(ClientAddress.Handler(ClientAddress.Loopback(n), new CookieContainer())) { BaseAddress = server.BaseAddress };

    /// <summary>The views recorded for a post since the test clock's start.</summary>
    private static async Task<int> ViewsAsync(PictographServer server, long mediaId)
    {
        await server.FlushInsightsAsync();
        return server.Read(db => db.InsightEvents.AsNoTracking().Count(e => e.MediaId == mediaId && e.Kind == InsightEventKinds.View && e.CreatedAt >= Now));
    }

    [Fact]
    public async Task Reloading_a_permalink_counts_one_view_per_viewer_and_window()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var post = Posts(server)[0];
        var page = $"/p/{post.Shortcode}/";
        using var first = Visitor(server, 0);
        using var second = Visitor(server, 1);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(page)).StatusCode);
        }

        Assert.Equal(1, await ViewsAsync(server, post.Id));
        await second.GetAsync(page);
        Assert.Equal(2, await ViewsAsync(server, post.Id));

        // A signed-in viewer is the account, from whichever address.
        using var janeHere = new DialogBrowser(server, ClientAddress.Loopback(2));
        using var janeThere = new DialogBrowser(server, ClientAddress.Loopback(3));
        foreach (var jane in new[] { janeHere, janeThere })
        {
            await jane.SignInAsync(OAuthClient.DialogUrl(server.Demo.AppId, "user_profile"));
            Assert.Equal(200, (await jane.GetAsync(page)).Status);
        }

        Assert.Equal(3, await ViewsAsync(server, post.Id));

        // The next window: the same viewers count again.
        server.Clock.Advance(TimeSpan.FromHours(1));
        await first.GetAsync(page);
        await janeHere.GetAsync(page);
        Assert.Equal(5, await ViewsAsync(server, post.Id));
    }

    [Fact]
    public async Task An_address_counts_a_bounded_number_of_anonymous_views_per_window()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:AnonymousViewsPerAddress=3");
        var server = own.Server;
        var posts = Posts(server).Take(5).ToList();
        using var crawler = Visitor(server, 0);
        using var other = Visitor(server, 1);

        foreach (var post in posts)
        {
            Assert.Equal(HttpStatusCode.OK, (await crawler.GetAsync($"/p/{post.Shortcode}/")).StatusCode);
        }

        await other.GetAsync($"/p/{posts[^1].Shortcode}/");

        var views = new List<int>();
        foreach (var post in posts)
        {
            views.Add(await ViewsAsync(server, post.Id));
        }

        Assert.Equal([1, 1, 1, 0, 1], views);
    }

    [Fact]
    public async Task Permalink_pages_are_throttled_per_address()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:PermalinkRequestsPerMinute=5");
        var server = own.Server;
        var page = $"/p/{Posts(server)[0].Shortcode}/";
        using var fast = Visitor(server, 0);
        using var other = Visitor(server, 1);

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((int)(await fast.GetAsync(page)).StatusCode);
        }

        Assert.Equal([200, 200, 200, 200, 200, 429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(page)).StatusCode);
    }
}
