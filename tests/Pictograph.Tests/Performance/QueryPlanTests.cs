using Microsoft.Data.Sqlite;
using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Tests.Business;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Performance;

/// <summary>
/// SQLite's plan for every statement of the benchmark's list reads (not a timing): each walks an index range
/// in the order it returns rows. A full scan or a sort grows with the table, not with the page.
/// </summary>
public sealed class QueryPlanTests(PictographServer server, ITestOutputHelper output) : IClassFixture<PictographServer>, IDisposable
{
    private readonly StatementCounter _counter = new(server.DataDirectory);

    public void Dispose() => _counter.Dispose();

    private Task<IReadOnlyList<string>> StatementsOfAsync(string url) =>
        _counter.FewestOfAsync(async () =>
        {
            var response = await server.GetFreshAsync(url);
            Assert.True(response.Status == 200, response.Body);
        }, runs: 1);

    /// <summary>The steps of SQLite's plan for each statement that would scan a whole table or sort its rows.</summary>
    private IReadOnlyList<string> Problems(IReadOnlyList<string> statements)
    {
        Assert.NotEmpty(statements);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "pictograph.db")};Mode=ReadOnly");
        connection.Open();
        var problems = new List<string>();
        foreach (var sql in statements)
        {
            using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            using var plan = explain.ExecuteReader();
            var steps = new List<string>();
            while (plan.Read())
            {
                steps.Add(plan.GetString(3));
            }

            output.WriteLine($"{sql}\n  => {string.Join(" | ", steps)}\n");
            // Reading back a subquery's own rows (a UNION ALL arm's co-routine) is not a table scan.
            var subqueries = steps.Where(step => step.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || step.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
                .Select(step => "SCAN " + step.Split(' ')[1])
                .ToHashSet(StringComparer.Ordinal);
            problems.AddRange(steps.Where(step =>
                step.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal)
                || (step.StartsWith("SCAN ", StringComparison.Ordinal) && !subqueries.Contains(step)
                    && !step.Contains("VIRTUAL TABLE", StringComparison.Ordinal) && step != "SCAN CONSTANT ROW")));
        }

        return problems;
    }

    [Fact]
    public async Task Grid_pages_walk_the_grid_index_at_any_depth()
    {
        var first = await server.GetAsync($"/me/media?fields=id,caption&limit=2&access_token={server.Demo.Token}");
        var next = new Uri(first.Json.GetProperty("paging").GetProperty("next").GetString()!).PathAndQuery;

        Assert.Empty(Problems(await StatementsOfAsync($"/me/media?fields=id,caption&limit=2&access_token={server.Demo.Token}")));
        Assert.Empty(Problems(await StatementsOfAsync(next)));
    }

    [Fact]
    public async Task The_nested_expansion_searches_indexes_for_children_comments_and_authors()
    {
        var token = await server.FacebookTokenAsync("public_profile,pages_show_list,instagram_basic,instagram_manage_comments");
        var shop = server.IdOf(Shop);

        string Url(int comments) => $"/{shop}?fields=media.limit(25){{id,caption,children{{media_url}},comments.limit({comments}){{text,username}}}}&access_token={token}";

        Assert.Empty(Problems(await StatementsOfAsync(Url(5))));

        // Each post's first comment page is kept once read (see CommentPages): a page size not read before loads them.
        var before = _counter.Count;
        Assert.Equal(200, (await server.GetFreshAsync(Url(7))).Status);
        var cold = _counter.Since(before);
        Assert.Contains(CommentRows.NewestTopLevelOf, cold);
        Assert.Empty(Problems(cold));
    }

    [Fact]
    public async Task Recent_media_walks_recent_posts_instead_of_sorting_every_tagged_one()
    {
        var tag = await server.AddHashtagAsync("planrecent");
        var author = server.Account(Creator).Id;
        var tagged = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            tagged.Add(await server.AddMediaAsync(author, createdAt: server.Now() - 600 - i));
        }

        await server.SeedAsync(db =>
        {
            foreach (var media in tagged)
            {
                db.HashtagUses.Add(new HashtagUse { HashtagId = tag, MediaId = media, CreatedAt = server.Now() });
            }
        });
        var fb = await server.FacebookTokenAsync();

        Assert.Empty(Problems(await StatementsOfAsync($"/{tag}/recent_media?user_id={server.IdOf(Shop)}&fields=id,caption&access_token={fb}")));
    }
}
