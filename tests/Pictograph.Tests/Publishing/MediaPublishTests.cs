using System.Collections.Concurrent;
using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary><c>POST /{ig-user-id}/media_publish</c> and <c>content_publishing_limit</c>, from containers as processing leaves them.</summary>
[Collection(PublishingCollection.Name)]
public sealed class MediaPublishTests(PublishingFixture fixture)
{
    private readonly PictographServer server = fixture.Server;

    [Fact]
    public async Task A_finished_image_becomes_a_feed_post_with_its_caption_hashtags_mentions_and_tags()
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, caption: "Fresh beans #coffeepublish @example_shop", userTags: """[{"Username":"studio.creator","X":0.5,"Y":0.5}]""");

        var mediaId = (await server.PublishAsync(me, container)).CreatedId();

        var media = await server.GetAsync($"/{mediaId}?fields=id,caption,media_type,media_product_type,permalink,shortcode,media_url,timestamp,username&access_token={me.Token}");
        Assert.Equal(200, media.Status);
        Assert.Equal("IMAGE", media.Json.GetProperty("media_type").GetString());
        Assert.Equal("FEED", media.Json.GetProperty("media_product_type").GetString());
        Assert.Equal("Fresh beans #coffeepublish @example_shop", media.Json.GetProperty("caption").GetString());
        Assert.Equal(me.Username, media.Json.GetProperty("username").GetString());
        Assert.Equal(200, (int)(await server.Client.GetAsync(media.Json.GetProperty("media_url").GetString())).StatusCode);
        Assert.Equal(200, (int)(await server.Client.GetAsync(media.Json.GetProperty("permalink").GetString())).StatusCode);

        var grid = await server.GetAsync($"/me/media?access_token={me.Token}");
        Assert.Equal([DemoData.Id(mediaId)], GraphAssert.Ids(grid.Json));
        var status = await server.StatusAsync(me, container);
        Assert.Equal("PUBLISHED", status.Json.GetProperty("status_code").GetString());
        Assert.True(server.Read(db => db.HashtagUses.Any(u => u.MediaId == mediaId && db.Hashtags.Any(h => h.Id == u.HashtagId && h.Name == "coffeepublish"))));
        Assert.True(server.Read(db => db.Mentions.Any(m => m.MediaId == mediaId && m.AccountId == server.Account("example_shop").Id)));
        Assert.True(server.Read(db => db.UserTags.Any(t => t.MediaId == mediaId && t.AccountId == server.Account("studio.creator").Id)));
    }

    [Fact]
    public async Task A_container_is_published_once()
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id);
        Assert.Equal(200, (await server.PublishAsync(me, container)).Status);

        GraphAssert.Error(await server.PublishAsync(me, container), 400, 9007, 2207027);
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_container_create_exactly_one_media()
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, caption: "only once #once");

        var answers = new ConcurrentBag<GraphResponse>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, _) => answers.Add(await server.PublishAsync(me, container)));

        Assert.Single(answers, a => a.Status == 200);
        Assert.All(answers.Where(a => a.Status != 200), a => GraphAssert.Error(a, 400, 9007, 2207027));
        Assert.Equal(1, server.Read(db => db.Media.Count(m => m.OwnerId == me.Id)));
        Assert.Equal(1, server.Read(db => db.HashtagUses.Count(u => db.Media.Any(m => m.Id == u.MediaId && m.OwnerId == me.Id))));
    }

    [Theory]
    [InlineData(ContainerState.InProgress)]
    [InlineData(ContainerState.Error)]
    public async Task A_container_that_is_not_finished_is_not_ready(ContainerState state)
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, state: state);

        GraphAssert.Error(await server.PublishAsync(me, container), 400, 9007, 2207027);
        Assert.Equal(0, server.Read(db => db.Media.Count(m => m.OwnerId == me.Id)));
    }

    [Fact]
    public async Task An_error_container_reports_its_subcode_in_status()
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, state: ContainerState.Error);

        var status = await server.StatusAsync(me, container);

        Assert.Equal("ERROR", status.Json.GetProperty("status_code").GetString());
        Assert.Equal("Error: Media upload has failed with error code 2207005", status.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Someone_elses_container_cannot_be_found_or_published()
    {
        var me = await server.NewPublisherAsync();
        var other = await server.NewPublisherAsync();
        var theirs = await server.AddContainerAsync(other.Id);

        GraphAssert.Error(await server.PublishAsync(me, theirs), 400, 24, 2207006);
        GraphAssert.Error(await server.StatusAsync(me, theirs), 400, 100, 33);
        GraphAssert.Error(await server.PostFormAsync("/me/media_publish", ("creation_id", "12345"), ("access_token", me.Token)), 400, 24, 2207006);
        GraphAssert.Error(await server.PostFormAsync("/me/media_publish", ("access_token", me.Token)), 400, 100);
    }

    [Fact]
    public async Task A_container_expires_24_hours_after_it_was_made()
    {
        var me = await server.NewPublisherAsync();
        var old = await server.AddContainerAsync(me.Id, createdAt: server.Now() - (24 * 3600));
        var young = await server.AddContainerAsync(me.Id, createdAt: server.Now() - (24 * 3600) + 60);

        Assert.Equal("EXPIRED", (await server.StatusAsync(me, old)).Json.GetProperty("status_code").GetString());
        Assert.Equal("FINISHED", (await server.StatusAsync(me, young)).Json.GetProperty("status_code").GetString());
        GraphAssert.Error(await server.PublishAsync(me, old), 400, -2, 2207020);
        Assert.Equal(200, (await server.PublishAsync(me, young)).Status);
    }

    [Fact]
    public async Task A_carousel_is_finished_when_its_children_are_and_publishes_as_an_album()
    {
        var me = await server.NewPublisherAsync();
        var photo = await server.AddContainerAsync(me.Id, isCarouselItem: true);
        var video = await server.AddContainerAsync(me.Id, ContainerKind.Video, isCarouselItem: true, state: ContainerState.InProgress);
        var carousel = (await server.CreateContainerAsync(me, ("media_type", "CAROUSEL"), ("children", $"{photo},{video}"), ("caption", "Two of them"))).CreatedId();

        Assert.Equal("IN_PROGRESS", (await server.StatusAsync(me, carousel)).Json.GetProperty("status_code").GetString());
        GraphAssert.Error(await server.PublishAsync(me, carousel), 400, 9007, 2207027);
        var demoVideo = server.Read(db => db.Media.First(m => m.MediaType == MediaType.Video));
        await server.SeedAsync(db => db.Containers.Where(c => c.Id == video).ToList().ForEach(c =>
        {
            c.State = ContainerState.Finished;
            c.FileType = MediaType.Video;
            c.FileKey = demoVideo.FileKey;
            c.ThumbnailKey = demoVideo.ThumbnailKey;
        }));
        Assert.Equal("FINISHED", (await server.StatusAsync(me, carousel)).Json.GetProperty("status_code").GetString());

        var album = (await server.PublishAsync(me, carousel)).CreatedId();

        var read = await server.GetAsync($"/{album}?fields=media_type,caption,children{{media_type,media_url}}&access_token={me.Token}");
        Assert.Equal("CAROUSEL_ALBUM", read.Json.GetProperty("media_type").GetString());
        Assert.Equal("Two of them", read.Json.GetProperty("caption").GetString());
        var children = read.Json.GetProperty("children").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["IMAGE", "VIDEO"], children.Select(c => c.GetProperty("media_type").GetString()));
        Assert.Equal("PUBLISHED", (await server.StatusAsync(me, photo)).Json.GetProperty("status_code").GetString());
        GraphAssert.Error(await server.PublishAsync(me, photo), 400, 100);
    }

    [Fact]
    public async Task A_reel_is_a_video_with_the_reels_product_type()
    {
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id, ContainerKind.Reels);
        await server.SeedAsync(db => db.Containers.Single(c => c.Id == container).ShareToFeed = false);

        var id = (await server.PublishAsync(me, container)).CreatedId();

        var reel = await server.GetAsync($"/{id}?fields=media_type,media_product_type,is_shared_to_feed,thumbnail_url&access_token={me.Token}");
        Assert.Equal("VIDEO", reel.Json.GetProperty("media_type").GetString());
        Assert.Equal("REELS", reel.Json.GetProperty("media_product_type").GetString());
        Assert.False(reel.Json.GetProperty("is_shared_to_feed").GetBoolean());
        Assert.True(reel.Json.TryGetProperty("thumbnail_url", out _));
    }

    [Fact]
    public async Task The_limit_reports_usage_and_config_as_asked()
    {
        var me = await server.NewPublisherAsync();
        await server.PublishAsync(me, await server.AddContainerAsync(me.Id));

        var usage = await server.GetAsync($"/me/content_publishing_limit?access_token={me.Token}");
        var both = await server.GetAsync($"/me/content_publishing_limit?fields=config,quota_usage&access_token={me.Token}");
        var unknown = await server.GetAsync($"/me/content_publishing_limit?fields=quota_left&access_token={me.Token}");

        Assert.Equal("""{"data":[{"quota_usage":1}]}""", usage.Body);
        Assert.Equal("""{"data":[{"config":{"quota_total":100,"quota_duration":86400},"quota_usage":1}]}""", both.Body);
        GraphAssert.Error(unknown, 400, 100);
    }
}
