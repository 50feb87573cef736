using Pictograph.Data;
using Pictograph.Tests.Comments;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Publishing;

namespace Pictograph.Tests.Control;

/// <summary>The control API's clock: everything that expires follows it.</summary>
public sealed class ClockControlTests
{
    [Fact]
    public async Task The_clock_is_read_set_frozen_advanced_and_released()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;

        var read = (await server.ControlGetAsync("/clock")).Ok().Json;
        Assert.Equal(PictographServer.Start.ToUnixTimeSeconds(), read.GetProperty("unix").GetInt64());
        Assert.False(read.GetProperty("frozen").GetBoolean());

        var set = (await server.ControlPutAsync("/clock", new { time = "2027-01-01T00:00:00Z", frozen = true })).Ok().Json;
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), set.GetProperty("unix").GetInt64());
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(set.GetProperty("unix").GetInt64(), (await server.ControlGetAsync("/clock")).Json.GetProperty("unix").GetInt64());

        var advanced = (await server.ControlPostAsync("/clock/advance", new { by = "3d" })).Ok().Json;
        Assert.Equal(set.GetProperty("unix").GetInt64() + (3 * 86_400), advanced.GetProperty("unix").GetInt64());
        Assert.Equal(advanced.GetProperty("unix").GetInt64() + 90, (await server.ControlPostAsync("/clock/advance", new { by = 90 })).Ok().Json.GetProperty("unix").GetInt64());

        var released = (await server.ControlAsync(HttpMethod.Delete, "/clock", null)).Ok().Json;
        Assert.Equal(server.Clock.GetUtcNow().ToUnixTimeSeconds(), released.GetProperty("unix").GetInt64());
        Assert.False(released.GetProperty("frozen").GetBoolean());
    }

    [Theory]
    [InlineData("{\"by\":\"-3d\"}")]
    [InlineData("{\"by\":\"soon\"}")]
    [InlineData("{\"by\":\"99999999999999d\"}")]
    [InlineData("{\"by\":null}")]
    [InlineData("{}")]
    public async Task A_bad_span_is_a_problem_and_the_clock_stays(string body)
    {
        await using var own = await OwnServer.StartAsync();
        (await own.Server.SendJsonAsync(HttpMethod.Post, "/_pictograph/clock/advance", body)).Problem(400);

        Assert.Equal(PictographServer.Start.ToUnixTimeSeconds(), (await own.Server.ControlGetAsync("/clock")).Json.GetProperty("unix").GetInt64());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("99999999999999")]
    public async Task A_bad_time_is_a_problem(string time)
    {
        await using var own = await OwnServer.StartAsync();

        (await own.Server.ControlPutAsync("/clock", new { time })).Problem(400);
    }

    [Fact]
    public async Task Advancing_the_clock_expires_a_token()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = await server.IssueTokenAsync(CommentWorld.Jane);
        Assert.Equal(200, (await server.GetAsync($"/me?fields=id&access_token={token}")).Status);

        (await server.ControlPostAsync("/clock/advance", new { by = "61d" })).Ok();

        GraphAssert.Error(await server.GetAsync($"/me?fields=id&access_token={token}"), 400, 190, 463);
    }

    [Fact]
    public async Task Advancing_the_clock_expires_a_container()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var me = await server.NewPublisherAsync();
        var container = await server.AddContainerAsync(me.Id);
        Assert.Equal("FINISHED", (await server.StatusAsync(me, container)).Json.GetProperty("status_code").GetString());

        (await server.ControlPostAsync("/clock/advance", new { by = "24h" })).Ok();

        Assert.Equal("EXPIRED", (await server.StatusAsync(me, container)).Json.GetProperty("status_code").GetString());
    }

    [Fact]
    public async Task Advancing_the_clock_moves_a_story_off_the_stories_edge()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var story = await server.NewMediaAsync(productType: MediaProductType.Story);
        var token = await server.InstagramTokenAsync(scopes: CommentWorld.InstagramRead);
        var path = $"/me/stories?fields=id&access_token={token}";
        Assert.Contains(DemoData.Id(story.Id), (await server.GetAsync(path)).Body, StringComparison.Ordinal);

        (await server.ControlPostAsync("/clock/advance", new { by = "1d" })).Ok();

        var after = await server.GetAsync(path);
        Assert.Equal(200, after.Status);
        Assert.DoesNotContain(DemoData.Id(story.Id), after.Body, StringComparison.Ordinal);
    }
}
