using Pictograph.Data;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Publishing;

/// <summary>
/// <c>DELETE /{ig-media-id}</c>: with Facebook Login a post, reel, story or whole carousel goes with its
/// comments, likes, tags, hashtag uses, insight events and files; the grid and counts follow at once.
/// Carousel children and ads are refused as Instagram refuses them; Instagram Login cannot delete.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class MediaDeletionTests(PublishingFixture fixture)
{
    private readonly PictographServer server = fixture.Server;
    private readonly MediaHost host = fixture.Host;

    private string Photo() => host.Serve($"/{Guid.NewGuid():N}.jpg", TestMedia.Jpeg(1080, 1080), "image/jpeg");

    private Task<GraphResponse> DeleteAsync(long mediaId, string token) =>
        server.SendAsync(HttpMethod.Delete, $"/v25.0/{mediaId}?access_token={token}");

    private async Task<int> FileStatusAsync(string url)
    {
        using var response = await server.Client.GetAsync(url);
        return (int)response.StatusCode;
    }

    private async Task<string> MediaUrlAsync(long mediaId, string token) =>
        (await server.GetAsync($"/{mediaId}?fields=media_url&access_token={token}")).Json.GetProperty("media_url").GetString()!;

    [Fact]
    public async Task A_post_goes_with_its_comments_likes_tags_hashtags_insights_and_files()
    {
        var me = await server.NewManagedPublisherAsync();
        var tag = "gone" + Guid.NewGuid().ToString("N")[..8];
        var kept = await server.PublishFromUrlAsync(me, ("image_url", Photo()));
        var post = await server.PublishFromUrlAsync(me, ("image_url", Photo()), ("caption", $"Soon gone #{tag} @studio.creator"), ("user_tags", """[{"username":"jane.doe","x":0.5,"y":0.5}]"""));
        var comment = (await server.PostFormAsync($"/{post}/comments", ("message", "Lovely #" + tag), ("access_token", me.Token))).CreatedId();
        var reply = (await server.PostFormAsync($"/{comment}/replies", ("message", "Thanks"), ("access_token", me.Token))).CreatedId();
        var jane = server.Account(BusinessWorld.Personal).Id;
        await server.SeedAsync(db =>
        {
            db.MediaLikes.Add(new MediaLike { MediaId = post, AccountId = jane, CreatedAt = server.Now() });
            db.InsightEvents.Add(new InsightEvent { AccountId = me.Id, MediaId = post, Kind = "view", CreatedAt = server.Now() });
        });
        var url = await MediaUrlAsync(post, me.Token);
        var grid = $"/{me.Id}/media?access_token={me.Token}";
        Assert.Equal([DemoData.Id(post), DemoData.Id(kept)], GraphAssert.Ids((await server.GetAsync(grid)).Json));
        Assert.Equal(2, (await server.GetAsync($"/{me.Id}?fields=media_count&access_token={me.Token}")).Json.GetProperty("media_count").GetInt32());
        Assert.Equal(200, await FileStatusAsync(url));

        var deleted = await DeleteAsync(post, me.Token);

        Assert.Equal(200, deleted.Status);
        Assert.Equal($$"""{"success":true,"deleted_id":"{{post}}"}""", deleted.Body);
        // The same request as before: a kept answer must not outlive the post.
        Assert.Equal([DemoData.Id(kept)], GraphAssert.Ids((await server.GetAsync(grid)).Json));
        Assert.Equal(1, (await server.GetAsync($"/{me.Id}?fields=media_count&access_token={me.Token}")).Json.GetProperty("media_count").GetInt32());
        Assert.Equal(404, await FileStatusAsync(url));
        GraphAssert.Error(await server.GetAsync($"/{post}?fields=caption&access_token={me.Token}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{comment}?access_token={me.Token}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{reply}?access_token={me.Token}"), 400, 100, 33);
        GraphAssert.Error(await DeleteAsync(post, me.Token), 400, 100, 33);
        Assert.Equal(
            (0, 0, 0, 0, 0, 0),
            server.Read(db => (
                db.Comments.Count(c => c.MediaId == post),
                db.MediaLikes.Count(l => l.MediaId == post),
                db.UserTags.Count(t => t.MediaId == post),
                db.Mentions.Count(m => m.MediaId == post),
                db.HashtagUses.Count(u => u.MediaId == post),
                db.InsightEvents.Count(e => e.MediaId == post))));
        Assert.Equal(200, await FileStatusAsync(await MediaUrlAsync(kept, me.Token)));
    }

    [Fact]
    public async Task A_carousel_goes_whole_and_its_children_cannot_go_alone()
    {
        var me = await server.NewManagedPublisherAsync();
        var first = (await server.CreateManagedContainerAsync(me, ("image_url", Photo()), ("is_carousel_item", "true"))).CreatedId();
        var second = (await server.CreateManagedContainerAsync(me, ("image_url", Photo()), ("is_carousel_item", "true"))).CreatedId();
        var album = await server.PublishFromUrlAsync(me, ("media_type", "CAROUSEL"), ("children", $"{first},{second}"));
        var children = server.Read(db => db.Media.Where(m => m.ParentId == album).OrderBy(m => m.Position).Select(m => m.Id).ToList());
        var urls = new List<string>();
        foreach (var id in children)
        {
            urls.Add(await MediaUrlAsync(id, me.Token));
        }


        var child = await DeleteAsync(children[0], me.Token);

        var error = GraphAssert.Error(child, 400, -1, 2207073, "Fatal");
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.False(error.GetProperty("is_transient").GetBoolean());
        Assert.Equal("Media Type Not Supported", error.GetProperty("error_user_title").GetString());
        Assert.Equal("The media type is not supported for this endpoint", error.GetProperty("error_user_msg").GetString());
        Assert.Equal(200, await FileStatusAsync(urls[0]));

        Assert.Equal($$"""{"success":true,"deleted_id":"{{album}}"}""", (await DeleteAsync(album, me.Token)).Body);
        foreach (var id in children)
        {
            GraphAssert.Error(await server.GetAsync($"/{id}?access_token={me.Token}"), 400, 100, 33);
        }

        foreach (var url in urls)
        {
            Assert.Equal(404, await FileStatusAsync(url));
        }
    }

    [Fact]
    public async Task Reels_and_stories_can_be_deleted_and_ads_cannot()
    {
        var me = await server.NewManagedPublisherAsync();
        var reel = await server.AddMediaAsync(me.Id, MediaProductType.Reels);
        var story = await server.AddMediaAsync(me.Id, MediaProductType.Story);
        var ad = await server.AddMediaAsync(me.Id, MediaProductType.Ad);
        Assert.Equal([DemoData.Id(story)], GraphAssert.Ids((await server.GetAsync($"/{me.Id}/stories?access_token={me.Token}")).Json));

        Assert.Equal(200, (await DeleteAsync(reel, me.Token)).Status);
        Assert.Equal(200, (await DeleteAsync(story, me.Token)).Status);
        GraphAssert.Error(await DeleteAsync(ad, me.Token), 400, -1, 2207073);

        Assert.Empty(GraphAssert.Ids((await server.GetAsync($"/{me.Id}/stories?access_token={me.Token}")).Json));
        Assert.Empty(GraphAssert.Ids((await server.GetAsync($"/{me.Id}/media?access_token={me.Token}")).Json));
        Assert.Equal([ad], server.Read(db => db.Media.Where(m => m.OwnerId == me.Id).Select(m => m.Id).ToList()));
    }

    [Fact]
    public async Task A_page_token_with_the_permissions_deletes_too()
    {
        var me = await server.NewManagedPublisherAsync();
        var post = await server.AddMediaAsync(me.Id);
        var page = server.Read(db => db.Pages.Single(p => p.InstagramAccountId == me.Id)).Id;
        var pageToken = await server.IssueTokenAsync(page, TokenFlavour.Facebook, ManagedPublishing.Scopes, TokenKind.Page, server.Developer().Id);

        Assert.Equal(200, (await DeleteAsync(post, pageToken)).Status);
    }

    [Fact]
    public async Task Without_instagram_manage_contents_nothing_is_deleted()
    {
        var me = await server.NewManagedPublisherAsync(scopes: "pages_show_list,instagram_basic,instagram_content_publish");
        var post = await server.AddMediaAsync(me.Id);

        GraphAssert.Error(await DeleteAsync(post, me.Token), 403, 10);

        Assert.True(server.Read(db => db.Media.Any(m => m.Id == post)));
    }

    [Fact]
    public async Task Instagram_login_cannot_delete_media()
    {
        var me = await server.NewPublisherAsync();
        var post = await server.AddMediaAsync(me.Id);

        var refused = await DeleteAsync(post, me.Token);

        var error = GraphAssert.Error(
            refused, 400, 100, 33,
            $"Unsupported delete request. Object with ID '{post}' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
        Assert.Equal("IGApiException", error.GetProperty("type").GetString());
        Assert.True(server.Read(db => db.Media.Any(m => m.Id == post)));
    }
}
