using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>Who reaches the control API, and what it says about itself.</summary>
public sealed class ControlAccessTests
{
    [Fact]
    public async Task With_a_key_configured_only_calls_that_send_it_are_answered()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:Control:Key=s3cret-key");
        var server = own.Server;

        (await server.ControlGetAsync("/clock")).Problem(404);
        (await server.ControlGetAsync("/clock", key: "wrong")).Problem(404);
        (await server.ControlPostAsync("/reset", key: "s3cret-ke")).Problem(404);
        (await server.ControlGetAsync("/clock", key: "s3cret-key")).Ok();
    }

    [Fact]
    public async Task Turned_off_it_is_not_there()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:Control:Enabled=false");

        (await own.Server.ControlGetAsync("/clock")).Problem(404);
        (await own.Server.ControlPostAsync("/reset")).Problem(404);
        Assert.Equal(200, (await own.Server.GetAsync($"/me?fields=id&access_token={own.Server.Demo.Token}")).Status);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route()
    {
        await using var own = await OwnServer.StartAsync();

        var document = (await own.Server.ControlGetAsync("/openapi/control.json")).Ok().Json;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var route in new[] { "/_pictograph/clock", "/_pictograph/clock/advance", "/_pictograph/reset", "/_pictograph/snapshot", "/_pictograph/snapshots", "/_pictograph/snapshots/{name}", "/_pictograph/snapshots/{name}/restore", "/_pictograph/processing", "/_pictograph/containers/{id}/advance" })
        {
            Assert.Contains(route, paths);
        }

        Assert.DoesNotContain(paths, p => !p.StartsWith("/_pictograph/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_control_route_is_a_problem_that_points_at_the_document()
    {
        await using var own = await OwnServer.StartAsync();

        var problem = (await own.Server.ControlGetAsync("/nothing/here")).Problem(404);

        Assert.Contains("/_pictograph/openapi/control.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_problem_not_a_500()
    {
        await using var own = await OwnServer.StartAsync();
        var response = await own.Server.SendJsonAsync(HttpMethod.Put, "/_pictograph/clock", "{\"time\":");

        Assert.Equal(400, response.Status);
    }
}
