using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pictograph.Testing;
using Xunit;

namespace MyApp.Tests;

/// <summary>One server for the class: started before the first test, stopped after the last.</summary>
public sealed class PictographFixture : IAsyncLifetime
{
    public PictographHost Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PictographHost.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class ProfileTests(PictographFixture pictograph) : IClassFixture<PictographFixture>
{
    private readonly PictographHost _server = pictograph.Server;

    [Fact]
    public async Task The_token_reads_its_profile()
    {
        // The code under test would take BaseUrl as its Graph API base address.
        using var http = _server.CreateClient();
        var me = await http.GetFromJsonAsync<JsonElement>($"me?fields=id,username&access_token={_server.Tokens["jane"]}");

        Assert.Equal("jane.doe", me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Time_moves_when_the_test_says_so()
    {
        var before = await _server.Control.GetClockAsync();
        var after = await _server.Control.AdvanceClockAsync("3d");

        Assert.True(after.Now - before.Now >= TimeSpan.FromDays(3));
        await _server.Control.ResetClockAsync();
    }

    [Fact]
    public async Task A_refused_control_call_carries_the_problem()
    {
        var refused = await Assert.ThrowsAsync<PictographControlException>(() => _server.Control.AdvanceClockAsync("backwards"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("by must be a span forward", refused.Detail, StringComparison.Ordinal);
    }
}
