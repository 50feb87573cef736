using System.Text.Json;
using Pictograph.Data;
using Pictograph.Insights;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>
/// The IG Media fields of Meta's spec beyond the basics (views, copyright check, boost eligibility, collaborators),
/// those served empty because this server has no such data, and the public fields of discovered and hashtag media.
/// </summary>
public sealed class MediaSpecFieldTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task View_count_is_the_number_of_recorded_views()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var viewed = await server.AddMediaAsync(shop);
        var unseen = await server.AddMediaAsync(shop);
        await server.SeedAsync(db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.InsightEvents.Add(new InsightEvent { AccountId = shop, MediaId = viewed, Kind = InsightEventKinds.View, CreatedAt = server.Now() - i });
            }

            db.InsightEvents.Add(new InsightEvent { AccountId = shop, MediaId = viewed, Kind = InsightEventKinds.Save, CreatedAt = server.Now() });
        });

        var response = await server.GetAsync($"/?ids={viewed},{unseen}&fields=view_count&access_token={token}");

        AssertOk(response);
        Assert.Equal(3, response.Json.GetProperty(DemoData.Id(viewed)).GetProperty("view_count").GetInt64());
        Assert.Equal(0, response.Json.GetProperty(DemoData.Id(unseen)).GetProperty("view_count").GetInt64());
    }

    [Fact]
    public async Task Videos_carry_a_completed_copyright_check_without_matches_and_photos_none()
    {
        var token = await server.FacebookTokenAsync();
        var media = server.AllMedia(Shop);
        var reel = media.First(m => m.MediaType == MediaType.Video);
        var photo = media.First(m => m.MediaType == MediaType.Image && m.InGrid);

        var video = await server.GetAsync($"/{reel.Id}?fields=copyright_check_information&access_token={token}");
        var image = await server.GetAsync($"/{photo.Id}?fields=copyright_check_information&access_token={token}");

        AssertOk(video);
        Assert.Equal("""{"status":{"status":"completed","matches_found":false}}""", video.Json.GetProperty("copyright_check_information").GetRawText());
        Assert.Equal($$"""{"id":"{{photo.Id}}"}""", image.Body);
    }

    [Fact]
    public async Task Own_posts_and_reels_can_be_boosted_stories_and_ads_cannot_and_album_items_are_not_asked()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var media = server.AllMedia(Shop);
        var post = media.First(m => m.InGrid && m.ProductType == MediaProductType.Feed);
        var story = media.First(m => m.ProductType == MediaProductType.Story);
        var child = media.First(m => m.ParentId is not null);
        var ad = await server.AddMediaAsync(shop, MediaProductType.Ad);

        JsonElement Info(GraphResponse response)
        {
            AssertOk(response);
            return response.Json.GetProperty("boost_eligibility_info");
        }

        var eligible = Info(await server.GetAsync($"/{post.Id}?fields=boost_eligibility_info&access_token={token}"));
        var storyInfo = Info(await server.GetAsync($"/{story.Id}?fields=boost_eligibility_info&access_token={token}"));
        var adInfo = Info(await server.GetAsync($"/{ad}?fields=boost_eligibility_info&access_token={token}"));
        var item = await server.GetAsync($"/{child.Id}?fields=boost_eligibility_info&access_token={token}");

        Assert.Equal("""{"eligible_to_boost":true}""", eligible.GetRawText());
        foreach (var refused in new[] { storyInfo, adInfo })
        {
            Assert.False(refused.GetProperty("eligible_to_boost").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("boost_ineligible_reason").GetString()));
        }

        Assert.Equal($$"""{"id":"{{child.Id}}"}""", item.Body);
    }

    [Fact]
    public async Task Collaborators_are_the_accounts_named_at_publishing_in_their_order_with_a_pending_invite()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var creator = server.Account(Creator).Id;
        var personal = server.Account(Personal).Id;
        var published = await server.AddMediaAsync(shop);
        var alone = await server.AddMediaAsync(shop);
        var container = await server.NextIdAsync(NodeKind.Container);
        await server.SeedAsync(db => db.Containers.Add(new MediaContainer
        {
            Id = container,
            OwnerId = shop,
            MediaId = published,
            AppId = server.Demo.AppId,
            Kind = ContainerKind.Image,
            State = ContainerState.Published,
            Collaborators = $"{Creator},{Personal}",
            CreatedAt = server.Now(),
            PublishedMediaId = published,
            PublishedAt = server.Now(),
        }));

        var list = await server.GetAsync($"/{published}/collaborators?access_token={token}");
        var first = await server.GetAsync($"/{published}?fields=collaborators.limit(1){{username}}&access_token={token}");
        var none = await server.GetAsync($"/{alone}/collaborators?access_token={token}");

        AssertOk(list);
        Assert.Equal(
            $$"""[{"id":"{{creator}}","username":"{{Creator}}","invite_status":"Pending"},{"id":"{{personal}}","username":"{{Personal}}","invite_status":"Pending"}]""",
            list.Json.GetProperty("data").GetRawText());
        AssertOk(first);
        var page = first.Json.GetProperty("collaborators");
        Assert.Equal($$"""[{"username":"{{Creator}}","id":"{{creator}}"}]""", page.GetProperty("data").GetRawText());
        Assert.True(page.GetProperty("paging").TryGetProperty("next", out _), first.Body);
        AssertOk(none);
        Assert.Equal("[]", none.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Product_tags_are_an_empty_list_and_tagging_products_is_not_available_yet()
    {
        var token = await server.FacebookTokenAsync();
        var post = server.Grid(Shop)[0].Id;

        var read = await server.GetAsync($"/{post}/product_tags?access_token={token}");
        var write = await server.PostFormAsync($"/{post}/product_tags", ("access_token", token), ("updated_tags", """[{"product_id":1,"x":0.5,"y":0.5}]"""));

        AssertOk(read);
        Assert.Equal("""{"data":[]}""", read.Body);
        GraphAssert.Error(write, 400, 3);
    }

    [Fact]
    public async Task Fields_this_server_has_no_data_for_are_left_out()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var reel = server.AllMedia(Shop).First(m => m.MediaType == MediaType.Video).Id;

        var media = await server.GetAsync($"/{reel}?fields=video_title,current_live_viewer_count&access_token={token}");
        var user = await server.GetAsync($"/{shop}?fields=owner_business,shopping_review_status&access_token={token}");

        Assert.Equal($$"""{"id":"{{reel}}"}""", media.Body);
        Assert.Equal($$"""{"id":"{{shop}}"}""", user.Body);
    }

    [Fact]
    public async Task Discovered_media_carry_the_public_fields_of_media()
    {
        var token = await server.FacebookTokenAsync();
        var reel = server.AllMedia(Creator).First(m => m.MediaType == MediaType.Video && m.InGrid);
        const string Fields = "id,media_product_type,media_type,shortcode,thumbnail_url,view_count,is_shared_to_feed,permalink,username";

        var response = await server.GetAsync($"/{server.IdOf(Shop)}?fields=business_discovery.username({Creator}){{media.limit(100){{{Fields}}}}}&access_token={token}");

        AssertOk(response);
        var item = response.Json.GetProperty("business_discovery").GetProperty("media").GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == DemoData.Id(reel.Id));
        Assert.Equal("REELS", item.GetProperty("media_product_type").GetString());
        Assert.Equal("VIDEO", item.GetProperty("media_type").GetString());
        Assert.Equal(reel.Shortcode, item.GetProperty("shortcode").GetString());
        Assert.Equal(Creator, item.GetProperty("username").GetString());
        Assert.True(item.GetProperty("is_shared_to_feed").GetBoolean());
        Assert.Equal(JsonValueKind.Number, item.GetProperty("view_count").ValueKind);
        var thumbnail = await server.Client.GetAsync(item.GetProperty("thumbnail_url").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, thumbnail.StatusCode);
    }

    [Fact]
    public async Task Hashtag_media_carry_the_public_fields_but_no_username()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var tag = await server.AddHashtagAsync("specfieldtag");
        var post = await server.AddMediaAsync(shop, caption: "#specfieldtag");
        await server.SeedAsync(db => db.HashtagUses.Add(new HashtagUse { HashtagId = tag, MediaId = post, CreatedAt = server.Now() }));

        var response = await server.GetAsync($"/{tag}/top_media?user_id={shop}&fields=id,media_product_type,shortcode,view_count&access_token={token}");
        var username = await server.GetAsync($"/{tag}/top_media?user_id={shop}&fields=username&access_token={token}");

        AssertOk(response);
        Assert.Equal(
            $$"""[{"id":"{{post}}","media_product_type":"FEED","shortcode":"{{Shortcodes.For(post)}}","view_count":0}]""",
            response.Json.GetProperty("data").GetRawText());
        GraphAssert.Error(username, 400, 100);
    }
}
