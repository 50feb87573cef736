using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Wire;

/// <summary>An answer holds at most MaxAnswerItems items (each node counts one per field), however its fields are aliased.</summary>
public sealed class AnswerSizeTests
{
    [Fact]
    public async Task An_answer_past_the_item_bound_asks_to_reduce_the_data()
    {
        // Once: 2 items for the account (media, id), 6 for three posts (caption, id); twice: 3 + 6 + 6.
        await using var own = await OwnServer.StartAsync("--Pictograph:MaxAnswerItems=10");
        var server = own.Server;
        Assert.True(server.Grid(DemoWorld.PersonalUsername).Count >= 3);
        const string Once = "media.limit(3){caption}";

        var small = await server.GetAsync($"/me?fields={Uri.EscapeDataString(Once)}&access_token={server.Demo.Token}");
        var aliased = await server.GetAsync($"/me?fields={Uri.EscapeDataString(Once + ",media.limit(3).as(again){caption}")}&access_token={server.Demo.Token}");

        Assert.Equal(200, small.Status);
        Assert.Equal(400, aliased.Status);
        Assert.Equal(1, aliased.ErrorCode);
        Assert.StartsWith("Please reduce the amount of data you're asking for, then retry your request", aliased.ErrorMessage, StringComparison.Ordinal);
    }
}
