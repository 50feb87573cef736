using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Tests.Fixtures;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Cli;

/// <summary><c>seed --fixture</c> and <c>export --out</c>, run as real processes.</summary>
public sealed class FixtureCommandTests
{
    private const string ShopToken = "IGAAshopFixtureToken0000000000000001";

    [Fact]
    public async Task Seed_loads_a_fixture_and_export_writes_one_that_loads_into_an_empty_directory()
    {
        using var files = new FixtureFiles(FixtureFiles.Shop);
        var first = PictographCli.NewDataDirectory();
        var second = PictographCli.NewDataDirectory();
        var exported = Path.Combine(files.Folder, "out", "exported.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(exported)!);
        try
        {
            var seed = await PictographCli.RunAsync("seed", "--data-dir", first, "--fixture", files.FixturePath);
            Assert.True(seed.ExitCode == 0, seed.ToString());
            Assert.Contains("Loaded the fixture 'shop-world'", seed.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"token shop_ig: {ShopToken}", seed.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("app shop_app: id 1000000000004204, secret 0123456789abcdef0123456789abcdef", seed.StandardOutput, StringComparison.Ordinal);

            var export = await PictographCli.RunAsync("export", "--data-dir", first, "--out", exported);
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.True(File.Exists(exported));

            var again = await PictographCli.RunAsync("seed", "--data-dir", second, "--fixture", exported);
            Assert.True(again.ExitCode == 0, again.ToString());
            string before;
            await using (var server = await DataDirectoryServer.StartAsync(first))
            {
                before = (await server.GetAsync($"/me/media?fields=id,caption,timestamp,like_count,comments_count&access_token={ShopToken}")).Body;
            }

            // The token is exported by its hash, so the same text works on the copy.
            await using var copy = await DataDirectoryServer.StartAsync(second);
            var after = await copy.GetAsync($"/me/media?fields=id,caption,timestamp,like_count,comments_count&access_token={ShopToken}");
            Assert.True(after.Status == 200, after.Body);
            Assert.Equal(FixtureLoadTests.Data(before, new Uri("http://unused")), FixtureLoadTests.Data(after.Body, new Uri("http://unused")));
        }
        finally
        {
            PictographCli.DeleteDataDirectory(first);
            PictographCli.DeleteDataDirectory(second);
        }
    }

    [Fact]
    public async Task Seed_refuses_a_fixture_with_mistakes_listing_each_and_loads_nothing()
    {
        using var files = new FixtureFiles(FixtureErrorTests.Broken);
        var dataDirectory = PictographCli.NewDataDirectory();
        try
        {
            var seed = await PictographCli.RunAsync("seed", "--data-dir", dataDirectory, "--fixture", files.FixturePath);

            Assert.True(seed.ExitCode == 1, seed.ToString());
            Assert.Contains("nothing loaded", seed.StandardError, StringComparison.Ordinal);
            Assert.Contains("line 5: apps[0].mode: 'sandbox' is not one of: development, live", seed.StandardError, StringComparison.Ordinal);
            Assert.Contains("line 19: media[0].owner: no account has the key 'nobody'", seed.StandardError, StringComparison.Ordinal);
            Assert.Contains("line 29: tokens[0]: 'fly' is not a permission", seed.StandardError, StringComparison.Ordinal);
            await using var server = await DataDirectoryServer.StartAsync(dataDirectory);
            await using var scope = server.Services.CreateAsyncScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<PictographDb>().Accounts.AnyAsync());
        }
        finally
        {
            PictographCli.DeleteDataDirectory(dataDirectory);
        }
    }
}
