using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Media;
using Pictograph.Seed;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.OAuth;
using static Pictograph.Tests.Insights.InsightsWorld;

namespace Pictograph.Tests.Insights;

/// <summary>Views are recorded from real requests: media files through their signed URLs and permalink pages.</summary>
[Collection(InsightsCollection.Name)]
public sealed partial class RecordingTests(PictographServer server)
{
    private const string Shop = "example_shop";

    private async Task<long> MediaViewsAsync(long mediaId)
    {
        var response = await server.GetAsync($"/{mediaId}/insights?metric=views&access_token={await server.InsightsTokenAsync()}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json.GetProperty("data")[0].GetProperty("values")[0].GetProperty("value").GetInt64();
    }

    private async Task<long> AccountViewsAsync(long accountId)
    {
        var response = await server.GetAsync($"/{accountId}/insights?metric=views&period=day&metric_type=total_value&access_token={await server.InsightsTokenAsync()}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json.GetProperty("data")[0].GetProperty("total_value").GetProperty("value").GetInt64();
    }

    /// <summary>A visitor of its own for each test (views count once per address), at 127.0.0.(n + 2).</summary>
    private HttpClient Visitor(int n) => new(ClientAddress.Handler(ClientAddress.Loopback(n), new CookieContainer())) { BaseAddress = server.BaseAddress };

    private static async Task<HttpStatusCode> FetchAsync(HttpClient visitor, string url, HttpMethod? method = null, string? range = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (range is not null)
        {
            request.Headers.Range = RangeHeaderValue.Parse(range);
        }

        using var response = await visitor.SendAsync(request);
        return response.StatusCode;
    }

    private string Signed(string key) =>
        server.Services.GetRequiredService<MediaUrlSigner>().Sign(server.BaseAddress.GetLeftPart(UriPartial.Authority), key);

    [Fact]
    public async Task Media_files_and_permalinks_record_one_view_per_visit()
    {
        var shop = server.Account(Shop).Id;
        var video = server.AllMedia(Shop).First(m => m.MediaType == MediaType.Video && m.ParentId is null && m.ProductType != MediaProductType.Story);
        var photo = server.AllMedia(Shop).First(m => m.MediaType == MediaType.Image && m.ParentId is null && m.ProductType == MediaProductType.Feed && m.FileKey is not null);
        await server.FlushInsightsAsync();
        var (videoBefore, photoBefore, accountBefore) = (await MediaViewsAsync(video.Id), await MediaViewsAsync(photo.Id), await AccountViewsAsync(shop));
        using var visitor = Visitor(0);
        using var another = Visitor(1);

        // The video: a bad signature serves nothing and counts nothing; a HEAD and a player's range past byte 0 count
        // nothing; a plain GET counts, and the same visitor's range from byte 0 then is the same viewer again.
        Assert.Equal(HttpStatusCode.Forbidden, await FetchAsync(visitor, Signed(video.FileKey!).Replace("oh=", "oh=x", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(visitor, Signed(video.FileKey!), HttpMethod.Head));
        Assert.Equal(HttpStatusCode.PartialContent, await FetchAsync(visitor, Signed(video.FileKey!), range: "bytes=100-199"));
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(visitor, Signed(video.FileKey!)));
        Assert.Equal(HttpStatusCode.PartialContent, await FetchAsync(visitor, Signed(video.FileKey!), range: "bytes=0-99"));
        // A player's ranges of another visitor: only the one from byte 0 counts.
        Assert.Equal(HttpStatusCode.PartialContent, await FetchAsync(another, Signed(video.FileKey!), range: "bytes=0-99"));
        Assert.Equal(HttpStatusCode.PartialContent, await FetchAsync(another, Signed(video.FileKey!), range: "bytes=100-199"));

        // The photo's permalink page counts once: its own picture is marked so loading it does not count again.
        var page = await visitor.GetStringAsync($"/p/{photo.Shortcode}/");
        var picture = WebUtility.HtmlDecode(ImageSource().Match(page).Groups[1].Value);
        Assert.Contains(MediaEndpoints.EmbeddedMarker, picture, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(another, picture));
        // A profile picture is no media item's view.
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(visitor, Signed(server.Account(Shop).ProfilePictureKey!)));

        await server.FlushInsightsAsync();
        Assert.Equal(videoBefore + 2, await MediaViewsAsync(video.Id));
        Assert.Equal(photoBefore + 1, await MediaViewsAsync(photo.Id));
        Assert.Equal(accountBefore + 3, await AccountViewsAsync(shop));
        var recorded = server.Read(db => db.InsightEvents.AsNoTracking().Where(e => e.CreatedAt == Now && e.MediaId == photo.Id).ToList());
        var view = Assert.Single(recorded);
        Assert.Equal((shop, (long?)null, InsightEventKinds.View), (view.AccountId, view.ActorId, view.Kind));
    }

    [Fact]
    public async Task A_view_of_an_album_childs_file_counts_for_the_album()
    {
        var album = server.AllMedia(Shop).First(m => m.MediaType == MediaType.CarouselAlbum);
        var child = server.Children(album.Id)[1];
        await server.FlushInsightsAsync();
        var before = await MediaViewsAsync(album.Id);

        using var visitor = Visitor(2);
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(visitor, Signed(child.FileKey!)));
        await server.FlushInsightsAsync();

        Assert.Equal(before + 1, await MediaViewsAsync(album.Id));
    }

    [Fact]
    public async Task A_signed_in_visitor_of_a_permalink_is_the_viewer()
    {
        var post = server.Grid("studio.creator").First(m => m.ProductType == MediaProductType.Reels);
        var jane = server.Account(DemoWorld.PersonalUsername).Id;
        using var browser = new DialogBrowser(server);
        await browser.SignInAsync(OAuthClient.DialogUrl(server.Demo.AppId, "user_profile"));

        var page = await browser.GetAsync($"/reel/{post.Shortcode}/");
        await server.FlushInsightsAsync();

        Assert.Equal(200, page.Status);
        // The seed has older views by jane.doe; this one is of the fixture's current second.
        var view = Assert.Single(server.Read(db => db.InsightEvents.AsNoTracking().Where(e => e.MediaId == post.Id && e.CreatedAt == Now).ToList()));
        Assert.Equal((post.OwnerId, (long?)jane), (view.AccountId, view.ActorId));
    }

    [Fact]
    public async Task Events_of_deleted_media_or_unknown_accounts_are_dropped_not_failed()
    {
        var recorder = server.Services.GetRequiredService<InsightRecorder>();
        var account = await server.NewAccountAsync();
        recorder.RecordView(NodeIds.Compose(NodeKind.Media, 999_999_999), null, IPAddress.Loopback);
        recorder.Record(new InsightEvent { AccountId = NodeIds.Compose(NodeKind.Account, 999_999_999), Kind = InsightEventKinds.ProfileView });
        recorder.Record(new InsightEvent { AccountId = account, Kind = InsightEventKinds.ProfileView, ActorId = null });

        await recorder.FlushAsync();

        Assert.Equal(1, server.Read(db => db.InsightEvents.Count(e => e.AccountId == account)));
    }

    [Fact]
    public async Task The_writer_writes_what_is_queued_when_it_stops()
    {
        var recorder = server.Services.GetRequiredService<InsightRecorder>();
        var account = await server.NewAccountAsync();
        recorder.Record(new InsightEvent { AccountId = account, Kind = InsightEventKinds.WebsiteClick });

        await new InsightWriter(recorder, NullLogger<InsightWriter>.Instance).StopAsync(CancellationToken.None);

        Assert.Equal(InsightEventKinds.WebsiteClick, server.Read(db => db.InsightEvents.AsNoTracking().Single(e => e.AccountId == account).Kind));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();
}
