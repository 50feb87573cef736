using Microsoft.EntityFrameworkCore;
using Pictograph.Publishing;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.Publishing;

namespace Pictograph.Tests.Control;

/// <summary>Container processing set through the control API: immediate, delayed by the clock, or advanced by hand.</summary>
public sealed class ProcessingModeTests : IAsyncLifetime
{
    private OwnServer _own = null!;
    private MediaHost _host = null!;

    private PictographServer Server => _own.Server;

    public async Task InitializeAsync()
    {
        _own = await OwnServer.StartAsync("--Pictograph:OutboundAllowList:0=127.0.0.0/8");
        _host = await MediaHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _own.DisposeAsync();
    }

    [Fact]
    public async Task In_manual_mode_a_container_waits_until_it_is_advanced_to_finished()
    {
        var me = await Server.NewPublisherAsync();
        (await Server.ControlPutAsync("/processing", new { mode = "manual" })).Ok();

        var id = await CreateAsync(me);

        Assert.Equal("IN_PROGRESS", await StatusCodeAsync(me, id));
        Assert.Equal(ProcessingMode.Held.ToUnixTimeMilliseconds(), Server.Read(db => db.Jobs.Single(j => j.Kind == ContainerProcessing.Kind && j.Payload.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).RunAt));
        Assert.Equal(0, _host.Requests("/manual.jpg"));

        (await Server.ControlPostAsync($"/containers/{id}/advance", new { status = "FINISHED" })).Ok(202);

        Assert.Equal("FINISHED", (await Server.WaitForStatusAsync(me, id)).Json.GetProperty("status_code").GetString());
        (await Server.ControlPostAsync($"/containers/{id}/advance", new { status = "FINISHED" })).Problem(409);
    }

    [Fact]
    public async Task In_manual_mode_a_container_can_be_failed_with_a_chosen_subcode()
    {
        var me = await Server.NewPublisherAsync();
        (await Server.ControlPutAsync("/processing", new { mode = "manual" })).Ok();
        var id = await CreateAsync(me);

        (await Server.ControlPostAsync($"/containers/{id}/advance", new { status = "ERROR", error_subcode = 2207052 })).Ok();

        var status = await Server.StatusAsync(me, id);
        Assert.Equal("ERROR", status.Json.GetProperty("status_code").GetString());
        Assert.Contains("2207052", status.Json.GetProperty("status").GetString(), StringComparison.Ordinal);
        GraphAssert.Error(await Server.PublishAsync(me, id), 400, 9007, 2207027);
    }

    [Fact]
    public async Task Leaving_manual_mode_processes_the_held_containers()
    {
        var me = await Server.NewPublisherAsync();
        (await Server.ControlPutAsync("/processing", new { mode = "manual" })).Ok();
        var id = await CreateAsync(me);

        (await Server.ControlPutAsync("/processing", new { mode = "immediate" })).Ok();

        Assert.Equal("FINISHED", (await Server.WaitForStatusAsync(me, id)).Json.GetProperty("status_code").GetString());
    }

    [Fact]
    public async Task In_delayed_mode_processing_starts_when_the_clock_reaches_the_delay()
    {
        var me = await Server.NewPublisherAsync();
        var state = (await Server.ControlPutAsync("/processing", new { mode = "delayed", delay = "1h" })).Ok().Json;
        Assert.Equal("delayed", state.GetProperty("mode").GetString());
        var id = await CreateAsync(me);
        var job = Server.Read(db => db.Jobs.AsNoTracking().Single(j => j.Kind == ContainerProcessing.Kind && j.Payload.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Server.Clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), job.RunAt);
        Assert.Equal("IN_PROGRESS", await StatusCodeAsync(me, id));

        (await Server.ControlPostAsync("/clock/advance", new { by = "1h" })).Ok();

        Assert.Equal("FINISHED", (await Server.WaitForStatusAsync(me, id)).Json.GetProperty("status_code").GetString());
    }

    [Theory]
    [InlineData("{\"mode\":\"sometimes\"}")]
    [InlineData("{\"mode\":\"1\"}")]
    [InlineData("{\"mode\":\"delayed\"}")]
    [InlineData("{\"mode\":\"delayed\",\"delay\":\"-5s\"}")]
    public async Task A_bad_mode_is_a_problem(string body)
    {
        (await Server.SendJsonAsync(HttpMethod.Put, "/_pictograph/processing", body)).Problem(400);
    }

    [Fact]
    public async Task Advancing_what_is_not_a_waiting_container_is_a_problem()
    {
        var me = await Server.NewPublisherAsync();
        var finished = await Server.AddContainerAsync(me.Id);

        (await Server.ControlPostAsync($"/containers/{finished}/advance", new { status = "FINISHED" })).Problem(409);
        (await Server.ControlPostAsync("/containers/123/advance", new { status = "FINISHED" })).Problem(404);
        (await Server.ControlPostAsync("/containers/abc/advance", new { status = "FINISHED" })).Problem(400);
        (await Server.ControlPostAsync($"/containers/{finished}/advance", new { status = "PUBLISHED" })).Problem(409);
    }

    private async Task<long> CreateAsync(Publisher me) =>
        (await Server.CreateContainerAsync(me, ("image_url", _host.Serve("/manual.jpg", TestMedia.Jpeg(1080, 1080), "image/jpeg")))).CreatedId();

    private async Task<string?> StatusCodeAsync(Publisher me, long id) =>
        (await Server.StatusAsync(me, id)).Json.GetProperty("status_code").GetString();
}
