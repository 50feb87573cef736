using Pictograph.Tests.Business;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pictograph.Tests.Performance;

/// <summary>
/// The SQL statements each benchmark scenario runs once its caches are warm (not a timing): one per edge
/// per level of expansion, however many items a level has.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StatementCountTests(PictographServer server, ITestOutputHelper output) : IDisposable
{
    private readonly StatementCounter _counter = new(server.DataDirectory);

    public void Dispose() => _counter.Dispose();

    /// <summary>The fewest statements of three runs.</summary>
    private async Task<int> StatementsAsync(string url)
    {
        var statements = await _counter.FewestOfAsync(async () =>
        {
            var response = await server.GetFreshAsync(url);
            Assert.True(response.Status == 200, response.Body);
        }, runs: 3);
        output.WriteLine($"{statements.Count} statements for {url.Split("access_token")[0]}:\n{string.Join("\n---\n", statements)}");
        return statements.Count;
    }

    [Fact]
    public async Task Me_is_one_statement()
    {
        Assert.Equal(1, await StatementsAsync($"/me?access_token={server.Demo.Token}"));
    }

    [Fact]
    public async Task A_media_item_with_all_fields_is_two_statements()
    {
        var media = server.Grid("jane.doe")[0].Id;
        // The item, and its owner's username.
        Assert.Equal(2, await StatementsAsync($"/{media}?fields=caption,id,is_shared_to_feed,media_type,media_url,permalink,thumbnail_url,timestamp,username&access_token={server.Demo.Token}"));
    }

    [Fact]
    public async Task A_page_of_the_grid_is_two_statements_wherever_it_is()
    {
        var first = await server.GetAsync($"/me/media?fields=id,caption&limit=2&access_token={server.Demo.Token}");
        var next = first.Json.GetProperty("paging").GetProperty("next").GetString()!;

        // The owner (the node in the path) and the page.
        Assert.Equal(2, await StatementsAsync($"/me/media?fields=id,caption&limit=2&access_token={server.Demo.Token}"));
        Assert.Equal(2, await StatementsAsync(new Uri(next).PathAndQuery));
    }

    [Fact]
    public async Task The_nested_expansion_is_one_statement_per_edge_per_level_however_long_the_list()
    {
        var token = await server.FacebookTokenAsync("public_profile,pages_show_list,instagram_basic,instagram_manage_comments");
        var shop = server.Account(BusinessWorld.Shop).Id;
        string Url(int limit, int comments = 5) => $"/{shop}/media?fields=id,caption,children{{media_url}},comments.limit({comments}){{text,username}}&limit={limit}&access_token={token}";

        var few = await StatementsAsync(Url(8));
        var all = await StatementsAsync(Url(25));
        // A comment page size not read before: no post's first page is kept yet (see CommentPages).
        var before = _counter.Count;
        Assert.Equal(200, (await server.GetFreshAsync(Url(25, comments: 7))).Status);
        var cold = _counter.Since(before);
        output.WriteLine($"{cold.Count} statements with no comment page kept:\n{string.Join("\n---\n", cold)}");

        Assert.Equal(few, all);
        // The account, the page, children and the comments' authors' usernames; each post's comments are kept pages.
        Assert.Equal(4, all);
        // The same, and every post's comments in one statement.
        Assert.Equal(5, cold.Count);
    }
}
