using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary><c>POST /{ig-user-id}/media</c>: what is refused at once, before anything is fetched, and with which error.</summary>
[Collection(PublishingCollection.Name)]
public sealed class ContainerCreationTests(PublishingFixture fixture)
{
    private readonly PictographServer server = fixture.Server;

    private const string Photo = "https://example.com/photo.jpg";

    [Fact]
    public async Task An_image_container_needs_an_image_url()
    {
        var me = await server.NewPublisherAsync();
        GraphAssert.Error(await server.CreateContainerAsync(me, ("caption", "hi")), 400, 100, message: "(#100) The parameter image_url is required");
    }

    [Fact]
    public async Task An_unknown_media_type_is_2207023()
    {
        var me = await server.NewPublisherAsync();
        GraphAssert.Error(await server.CreateContainerAsync(me, ("image_url", Photo), ("media_type", "HOLOGRAM")), 400, 100, 2207023);
    }

    [Fact]
    public async Task A_video_needs_a_media_type()
    {
        var me = await server.NewPublisherAsync();
        var response = await server.CreateContainerAsync(me, ("video_url", "https://example.com/clip.mp4"));
        GraphAssert.Error(response, 400, 100);
        Assert.Contains("media_type", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Captions_are_limited_to_2200_characters_30_hashtags_and_20_mentions()
    {
        var me = await server.NewPublisherAsync();
        var exactly = new string('a', 2200);
        var tooLong = await server.CreateContainerAsync(me, ("image_url", Photo), ("caption", exactly + "b"));
        var hashtags = await server.CreateContainerAsync(me, ("image_url", Photo), ("caption", string.Join(' ', Enumerable.Range(0, 31).Select(i => $"#tag{i}"))));
        var mentions = await server.CreateContainerAsync(me, ("image_url", Photo), ("caption", string.Join(' ', Enumerable.Range(0, 21).Select(i => $"@user{i}"))));

        GraphAssert.Error(tooLong, 400, 36004, 2207010);
        GraphAssert.Error(hashtags, 400, 36004, 2207010);
        GraphAssert.Error(mentions, 400, 100, 2207040);
        var longest = await server.CreateContainerAsync(me, ("image_url", Photo), ("caption", exactly));
        var thirty = await server.CreateContainerAsync(me, ("image_url", Photo), ("caption", string.Join(' ', Enumerable.Range(0, 30).Select(i => $"#tag{i}"))));
        Assert.Equal(200, longest.Status);
        Assert.Equal(200, thirty.Status);
    }

    [Fact]
    public async Task A_carousel_needs_two_to_ten_of_the_callers_own_carousel_items()
    {
        var me = await server.NewPublisherAsync();
        var other = await server.NewPublisherAsync();
        var items = new List<long>();
        for (var i = 0; i < 11; i++)
        {
            items.Add(await server.AddContainerAsync(me.Id, isCarouselItem: true));
        }

        var single = await server.AddContainerAsync(me.Id);
        var theirs = await server.AddContainerAsync(other.Id, isCarouselItem: true);
        string Ids(IEnumerable<long> ids) => string.Join(',', ids.Select(DemoData.Id));

        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", Ids(items.Take(1)))), 400, 100, 2207028);
        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", Ids(items))), 400, 100, 2207028);
        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", Ids([items[0], single]))), 400, 100);
        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", Ids([items[0], theirs]))), 400, 24, 2207006);
        Assert.Equal(200, (await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", Ids(items.Take(10))))).Status);
    }

    [Fact]
    public async Task Children_may_come_as_a_json_array_in_a_json_body()
    {
        var me = await server.NewPublisherAsync();
        var a = await server.AddContainerAsync(me.Id, isCarouselItem: true);
        var b = await server.AddContainerAsync(me.Id, isCarouselItem: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/me/media")
        {
            Content = new StringContent($$"""{"media_type":"CAROUSEL","children":["{{a}}",{{b}}],"caption":"two","access_token":"{{me.Token}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var id = (await server.SendAsync(request)).CreatedId();

        var stored = server.Read(db => db.Containers.Single(c => c.Id == id));
        Assert.Equal(ContainerKind.Carousel, stored.Kind);
        Assert.Equal($"{a},{b}", stored.Children);
        Assert.Equal("two", stored.Caption);
    }

    [Fact]
    public async Task User_tags_are_read_leniently_and_checked()
    {
        var me = await server.NewPublisherAsync();

        var lenient = await server.CreateContainerAsync(me, ("image_url", Photo), ("user_tags", "[{username:'example_shop',x:0.5,y:0.8}]"));
        var outside = await server.CreateContainerAsync(me, ("image_url", Photo), ("user_tags", """[{"username":"example_shop","x":1.5,"y":0.2}]"""));
        var unknown = await server.CreateContainerAsync(me, ("image_url", Photo), ("user_tags", """[{"username":"nobody_here_at_all","x":0.5,"y":0.2}]"""));
        var noPosition = await server.CreateContainerAsync(me, ("image_url", Photo), ("user_tags", """[{"username":"example_shop"}]"""));
        var storyWithout = await server.CreateContainerAsync(me, ("media_type", "STORIES"), ("image_url", Photo), ("user_tags", """[{"username":"example_shop"}]"""));

        var id = lenient.CreatedId();
        Assert.Contains("example_shop", server.Read(db => db.Containers.Single(c => c.Id == id).UserTags), StringComparison.Ordinal);
        GraphAssert.Error(outside, 400, 100);
        GraphAssert.Error(unknown, 400, 100);
        GraphAssert.Error(noPosition, 400, 100);
        Assert.Equal(200, storyWithout.Status);
    }

    [Fact]
    public async Task Alt_text_is_for_images_only_and_a_negative_thumb_offset_is_2207057()
    {
        var me = await server.NewPublisherAsync();
        var reel = await server.CreateContainerAsync(me, ("media_type", "REELS"), ("video_url", "https://example.com/clip.mp4"), ("alt_text", "a reel"));
        var offset = await server.CreateContainerAsync(me, ("media_type", "REELS"), ("video_url", "https://example.com/clip.mp4"), ("thumb_offset", "-5"));
        var image = await server.CreateContainerAsync(me, ("image_url", Photo), ("alt_text", "A cup of coffee on a table"));

        GraphAssert.Error(reel, 400, 100);
        GraphAssert.Error(offset, 400, 1, 2207057);
        var id = image.CreatedId();
        Assert.Equal("A cup of coffee on a table", server.Read(db => db.Containers.Single(c => c.Id == id).AltText));
    }

    [Fact]
    public async Task Stories_take_exactly_one_url_and_reels_take_their_options()
    {
        var me = await server.NewPublisherAsync();
        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "STORIES")), 400, 100);
        GraphAssert.Error(await server.CreateContainerAsync(me, ("media_type", "STORIES"), ("image_url", Photo), ("video_url", "https://example.com/a.mp4")), 400, 100);

        var id = (await server.CreateContainerAsync(me, ("media_type", "REELS"), ("video_url", "https://example.com/a.mp4"), ("share_to_feed", "false"), ("audio_name", "Morning pour"), ("thumb_offset", "1500"))).CreatedId();

        var reel = server.Read(db => db.Containers.Single(c => c.Id == id));
        Assert.False(reel.ShareToFeed);
        Assert.Equal("Morning pour", reel.AudioName);
        Assert.Equal(1500, reel.ThumbOffsetMs);
        Assert.Equal(ContainerKind.Reels, reel.Kind);
    }

    [Fact]
    public async Task Publishing_needs_the_content_publish_permission()
    {
        var me = await server.NewPublisherAsync("instagram_business_basic");
        GraphAssert.Error(await server.CreateContainerAsync(me, ("image_url", Photo)), 403, 10);
        GraphAssert.Error(await server.PostFormAsync("/me/media_publish", ("creation_id", "1"), ("access_token", me.Token)), 403, 10);
        GraphAssert.Error(await server.GetAsync($"/me/content_publishing_limit?access_token={me.Token}"), 403, 10);
    }

    [Fact]
    public async Task With_instagram_login_a_resumable_container_still_needs_a_video_url()
    {
        var me = await server.NewPublisherAsync();
        var response = await server.CreateContainerAsync(me, ("media_type", "REELS"), ("upload_type", "resumable"));
        GraphAssert.Error(response, 400, 100, message: "(#100) The parameter video_url is required");
        Assert.Equal(0, server.Read(db => db.Containers.Count(c => c.OwnerId == me.Id)));
    }

    [Fact]
    public async Task At_most_the_configured_number_of_containers_a_day()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:ContainersPerDay=2");
        var me = await own.Server.NewPublisherAsync();
        Assert.Equal(200, (await own.Server.CreateContainerAsync(me, ("image_url", Photo))).Status);
        Assert.Equal(200, (await own.Server.CreateContainerAsync(me, ("image_url", Photo))).Status);

        GraphAssert.Error(await own.Server.CreateContainerAsync(me, ("image_url", Photo)), 400, 9, 2207042);
        own.Server.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(200, (await own.Server.CreateContainerAsync(me, ("image_url", Photo))).Status);
    }
}
