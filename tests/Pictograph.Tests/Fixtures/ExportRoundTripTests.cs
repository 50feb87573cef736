using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Fixtures;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Fixtures;

/// <summary>Export writes the state as a fixture; loading it into an empty data directory gives the same answers, ids included.</summary>
public sealed class ExportRoundTripTests
{
    [Fact]
    public async Task The_demo_world_exported_and_loaded_again_answers_byte_for_byte_the_same()
    {
        var folder = PictographCli.NewDataDirectory();
        try
        {
            var path = Path.Combine(folder, "world.yaml");
            var answers = new List<string>();
            string[] paths;
            Dictionary<string, int> counts;
            await using (var original = await FixtureServer.StartAsync(null))
            {
                var token = (await original.FixtureAsync()).GetProperty("tokens").GetProperty("jane").GetString();
                // A change by hand, so the export is more than the file it started from.
                await using (var scope = original.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
                    var album = await db.Media.FirstAsync(m => m.MediaType == MediaType.CarouselAlbum);
                    album.Caption = "Edited by hand";
                    await db.SaveChangesAsync();
                }

                var album1 = await FirstAlbumAsync(original);
                paths =
                [
                    $"/me?fields=id,username,account_type,media_count&access_token={token}",
                    $"/me/media?fields=id,caption,media_type,timestamp,permalink,username&limit=100&access_token={token}",
                    $"/{album1}?fields=id,caption,media_type,timestamp,children{{id,media_type,timestamp}}&access_token={token}",
                    $"/{album1}/children?fields=id,media_type,timestamp,permalink&access_token={token}",
                ];
                foreach (var p in paths)
                {
                    var answer = await original.GetAsync(p);
                    Assert.True(answer.Status == 200, answer.Body);
                    answers.Add(FixtureLoadTests.Data(answer.Body, original.Client.BaseAddress!));
                }

                counts = await CountsAsync(original);
                await original.Services.GetRequiredService<FixtureExporter>().ExportAsync(path, relative: false);
            }

            Assert.True(Directory.EnumerateFiles(Path.Combine(folder, FixtureExporter.FilesFolder)).Any());
            await using var copy = await FixtureServer.StartAsync(path);
            for (var i = 0; i < paths.Length; i++)
            {
                var answer = await copy.GetAsync(paths[i]);
                Assert.True(answer.Status == 200, answer.Body);
                Assert.Equal(answers[i], FixtureLoadTests.Data(answer.Body, copy.Client.BaseAddress!));
            }

            Assert.Equal(counts, await CountsAsync(copy));
        }
        finally
        {
            PictographCli.DeleteDataDirectory(folder);
        }
    }

    private static async Task<string> FirstAlbumAsync(FixtureServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        return DemoData.Id(await db.Media.Where(m => m.MediaType == MediaType.CarouselAlbum).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
    }

    private static async Task<Dictionary<string, int>> CountsAsync(FixtureServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        return new Dictionary<string, int>
        {
            ["accounts"] = await db.Accounts.CountAsync(),
            ["media"] = await db.Media.CountAsync(),
            ["comments"] = await db.Comments.CountAsync(),
            ["media likes"] = await db.MediaLikes.CountAsync(),
            ["comment likes"] = await db.CommentLikes.CountAsync(),
            ["follows"] = await db.Follows.CountAsync(),
            ["hashtags"] = await db.Hashtags.CountAsync(),
            ["hashtag uses"] = await db.HashtagUses.CountAsync(),
            ["mentions"] = await db.Mentions.CountAsync(),
            ["insight events"] = await db.InsightEvents.CountAsync(),
            ["tokens"] = await db.AccessTokens.CountAsync(),
            ["pages"] = await db.Pages.CountAsync(),
            ["app roles"] = await db.AppRoles.CountAsync(),
        };
    }
}
