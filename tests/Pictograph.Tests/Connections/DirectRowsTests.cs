using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Data.Connections;
using Pictograph.Data.Rows;
using Pictograph.Hosting;
using Pictograph.Nodes.Facebook;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Connections;

/// <summary>
/// The hand-mapped direct reads against EF Core on the seeded demo database: every row mapped the same, property
/// by property, so a column added to an entity and not to its direct read fails here.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DirectRowsTests(PictographServer server) : IDisposable
{
    private readonly ConnectionLeases _leases = new(Options.Create(new PictographOptions { DataDirectory = server.DataDirectory }), new SqliteSessionSettings(Options.Create(new PictographOptions())), new SqliteWriteTurns(), NullLoggerFactory.Instance);

    public void Dispose() => _leases.Dispose();

    private static void AssertSameProperties<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)), $"{typeof(T).Name}.{property.Name}: {property.GetValue(expected)} ≠ {property.GetValue(actual)}");
        }
    }

    private async Task<PictographDb> EfAsync() =>
        await server.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync();

    [Fact]
    public async Task Every_account_reads_as_EF_Core_reads_it()
    {
        await using var ef = await EfAsync();
        var accounts = await ef.Accounts.AsNoTracking().ToListAsync();
        var connection = _leases.Rent();
        try
        {
            Assert.Contains(accounts, a => a.PasswordHash is not null);
            Assert.Contains(accounts, a => a.Biography is null);
            foreach (var account in accounts)
            {
                AssertSameProperties(account, Assert.Single(connection.Query(AccountRows.ById, [account.Id], AccountRows.Read)));
            }

            var someIds = accounts.Take(3).Select(a => a.Id).Append(accounts.Max(a => a.Id) + 100).ToList();
            Assert.Equal(
                accounts.Take(3).Select(a => (a.Id, a.Username)).OrderBy(a => a.Id),
                connection.Query(AccountRows.UsernamesOf, [IdList.Json(someIds)], AccountRows.ReadIdAndUsername).OrderBy(a => a.Id));

            Assert.Empty(connection.Query(AccountRows.ById, [accounts.Max(a => a.Id) + 100], AccountRows.Read));
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task Every_post_and_grid_page_reads_as_EF_Core_reads_it()
    {
        await using var ef = await EfAsync();
        var media = await ef.Media.AsNoTracking().ToListAsync();
        var connection = _leases.Rent();
        try
        {
            Assert.Contains(media, m => m.ParentId is not null);
            Assert.Contains(media, m => m.Caption is null);
            foreach (var item in media)
            {
                var direct = connection.Query(MediaRows.OwnById, [item.Id, item.OwnerId], MediaRows.Read);
                if (item.ProductType == MediaProductType.Story)
                {
                    Assert.Empty(direct);
                    continue;
                }

                AssertSameProperties(item, Assert.Single(direct));
                Assert.Empty(connection.Query(MediaRows.OwnById, [item.Id, item.OwnerId + 100], MediaRows.Read));
            }

            var byIds = connection.Query(MediaRows.ByIds, [IdList.Json(media.Select(m => m.Id).Append(-1))], MediaRows.Read).ToDictionary(m => m.Id);
            Assert.Equal(media.Count, byIds.Count);
            foreach (var item in media)
            {
                AssertSameProperties(item, byIds[item.Id]);
            }

            foreach (var owner in media.Select(m => m.OwnerId).Distinct())
            {
                var grid = media.Where(m => m.OwnerId == owner && m.InGrid).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToList();
                var first = connection.Query(MediaRows.GridFirst, [owner, 3], MediaRows.ReadKey);
                Assert.Equal(grid.Take(3).Select(m => (m.Id, m.Version)), first);
                if (grid.Count < 2)
                {
                    continue;
                }

                var cursor = grid[1];
                Assert.Equal(grid.Skip(2).Take(3).Select(m => m.Id), connection.Query(MediaRows.GridAfter, [owner, cursor.CreatedAt, cursor.Id, 3], MediaRows.ReadKey).Select(m => m.Id));
                Assert.Equal([grid[0].Id], connection.Query(MediaRows.GridBefore, [owner, cursor.CreatedAt, cursor.Id, 3], MediaRows.ReadKey).Select(m => m.Id));
            }
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task Each_posts_first_comments_and_each_carousels_first_children_read_as_EF_Core_reads_them()
    {
        await using var ef = await EfAsync();
        var comments = await ef.Comments.AsNoTracking().ToListAsync();
        var media = await ef.Media.AsNoTracking().ToListAsync();
        var commented = comments.Where(c => c.ParentId is null).Select(c => c.MediaId).Distinct().ToList();
        var carousels = media.Where(m => m.ParentId is not null).Select(m => m.ParentId!.Value).Distinct().ToList();
        Assert.NotEmpty(commented);
        Assert.NotEmpty(carousels);
        var connection = _leases.Rent();
        try
        {
            var firstComments = connection.Query(CommentRows.NewestTopLevelOf, [IdList.Json(commented), 2], CommentRows.Read);
            var expected = commented.SelectMany(id => comments.Where(c => c.MediaId == id && c.ParentId is null)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(2)).ToDictionary(c => c.Id);
            Assert.Equal(expected.Keys.Order(), firstComments.Select(c => c.Id).Order());
            foreach (var comment in firstComments)
            {
                AssertSameProperties(expected[comment.Id], comment);
            }

            var firstChildren = connection.Query(MediaRows.FirstChildrenOf, [IdList.Json(carousels), 2], MediaRows.Read);
            var expectedChildren = carousels.SelectMany(id => media.Where(m => m.ParentId == id).OrderBy(m => m.Position).ThenBy(m => m.Id).Take(2)).ToDictionary(m => m.Id);
            Assert.Equal(expectedChildren.Keys.Order(), firstChildren.Select(m => m.Id).Order());
            foreach (var child in firstChildren)
            {
                AssertSameProperties(expectedChildren[child.Id], child);
            }
        }
        finally
        {
            _leases.Return(connection);
        }
    }

    [Fact]
    public async Task A_Facebook_Login_caller_reaches_the_same_accounts_directly_as_through_EF_Core()
    {
        await using var ef = await EfAsync();
        var accounts = await ef.Accounts.AsNoTracking().Select(a => a.Id).ToListAsync();
        var users = await ef.FacebookUsers.AsNoTracking().Select(u => u.Id).ToListAsync();
        var roles = await ef.PageRoles.AsNoTracking().ToListAsync();
        var tokens = users.Select(user => (Token: Token(TokenKind.LongLived, user, null), User: user, Page: 0L))
            .Concat(roles.Select(role => (Token: Token(TokenKind.Page, role.PageId, role.FacebookUserId), User: role.FacebookUserId, Page: role.PageId)))
            .ToList();
        var connection = _leases.Rent();
        try
        {
            var reached = 0;
            foreach (var (token, user, page) in tokens)
            {
                var expected = await ManagedAssets.Accounts(ef, token).Select(a => a.Id).ToListAsync();
                foreach (var id in accounts)
                {
                    var direct = connection.Query(AccountRows.ManagedById, [id, user, page], AccountRows.Read);
                    Assert.Equal(expected.Contains(id), direct.Count == 1);
                    reached += direct.Count;
                }
            }

            Assert.True(reached > 0);
        }
        finally
        {
            _leases.Return(connection);
        }

        static TokenInfo Token(TokenKind kind, long subject, long? onBehalfOf) =>
            new(1, subject, TokenFlavour.Facebook, kind, TokenInfo.ParseScopes("instagram_basic"), 0, 0) { OnBehalfOfId = onBehalfOf };
    }

    [Fact]
    public async Task Hashtags_and_their_tagged_posts_read_as_EF_Core_reads_them()
    {
        await using var ef = await EfAsync();
        var hashtags = await ef.Hashtags.AsNoTracking().ToListAsync();
        var uses = await ef.HashtagUses.AsNoTracking().ToListAsync();
        var grid = await ef.Media.AsNoTracking().Where(m => m.InGrid).ToListAsync();
        Assert.NotEmpty(uses);
        var connection = _leases.Rent();
        try
        {
            var direct = connection.Query(HashtagRows.ByIds, [IdList.Json(hashtags.Select(h => h.Id).Append(-1))], HashtagRows.Read).ToDictionary(h => h.Id);
            Assert.Equal(hashtags.Count, direct.Count);
            foreach (var hashtag in hashtags)
            {
                AssertSameProperties(hashtag, direct[hashtag.Id]);
                var tagged = grid.Where(m => uses.Any(u => u.HashtagId == hashtag.Id && u.MediaId == m.Id))
                    .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToList();
                Assert.Equal(tagged.Take(2).Select(m => (m.Id, m.Version)), connection.Query(MediaRows.RecentTagged, [hashtag.Id, 0, 2], MediaRows.ReadKey));
                if (tagged.Count > 0)
                {
                    var cursor = tagged[0];
                    Assert.Equal(tagged.Skip(1).Take(2).Select(m => m.Id), connection.Query(MediaRows.RecentTaggedAfter, [hashtag.Id, 0, cursor.CreatedAt, cursor.Id, 2], MediaRows.ReadKey).Select(k => k.Id));
                    Assert.Empty(connection.Query(MediaRows.RecentTagged, [hashtag.Id, tagged.Max(m => m.CreatedAt), 2], MediaRows.ReadKey));
                }
            }
        }
        finally
        {
            _leases.Return(connection);
        }
    }
}
