using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>pictograph seed</c>, run as a real process on a temp data directory.</summary>
[Collection(CliCollection.Name)]
public sealed class SeedCommandTests(CliWorld world)
{
    [Fact]
    public async Task Seed_prints_a_token_that_works_against_a_server_on_that_data_directory()
    {
        var result = world.Seed;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Seeded the demo world", result.StandardOutput, StringComparison.Ordinal);
        var token = Assert.Single(CliWorld.TokenLine().Matches(result.StandardOutput)).Value;
        Assert.True(File.Exists(Path.Combine(world.DataDirectory, "pictograph.db")));

        var me = await world.Server.GetAsync($"/me?fields=id,username,account_type,media_count&access_token={token}");
        var media = await world.Server.GetAsync($"/me/media?fields=id,media_type&access_token={token}");

        Assert.True(me.Status == 200, me.Body);
        using var scope = world.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        var jane = await db.Accounts.SingleAsync(a => a.Username == DemoWorld.PersonalUsername);
        var grid = await db.Media.CountAsync(m => m.OwnerId == jane.Id && m.ParentId == null && (m.ProductType == MediaProductType.Feed || m.ProductType == MediaProductType.Reels));
        var app = await db.Apps.OrderBy(a => a.CreatedAt).FirstAsync();
        Assert.Equal(DemoData.Id(jane.Id), me.Json.GetProperty("id").GetString());
        Assert.Equal(DemoWorld.PersonalUsername, me.Json.GetProperty("username").GetString());
        Assert.Equal("PERSONAL", me.Json.GetProperty("account_type").GetString());
        Assert.Equal(grid, me.Json.GetProperty("media_count").GetInt32());
        Assert.Equal(200, media.Status);
        Assert.Equal(grid, media.Json.GetProperty("data").GetArrayLength());
        Assert.Contains($"app {app.Id} (secret {world.Server.Services.SecretOf(app)})", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_again_keeps_the_data_and_says_so()
    {
        var again = await PictographCli.RunAsync("seed", "--data-dir", world.DataDirectory);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already holds data", again.StandardError, StringComparison.Ordinal);
        Assert.DoesNotMatch(CliWorld.TokenLine(), again.StandardOutput);

        // The first token still works: nothing was replaced.
        var me = await world.Server.GetAsync($"/me?fields=username&access_token={world.Token}");
        Assert.Equal(DemoWorld.PersonalUsername, me.Json.GetProperty("username").GetString());
        using var scope = world.Server.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PictographDb>().Accounts.CountAsync(a => a.Username == DemoWorld.PersonalUsername));
    }
}
