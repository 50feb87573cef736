using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Data;
using Pictograph.Media;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// Reads the seeded world straight from the database, so tests compare the API with the data rather than
/// with hard-coded ids. The grid is derived from product type and parent here, independently of the
/// server's own <c>InGrid</c> column.
/// </summary>
public static class DemoData
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Timestamp(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'+0000'", CultureInfo.InvariantCulture);

    public static Account Account(this PictographServer server, string username)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        return db.Accounts.AsNoTracking().Single(a => a.Username == username);
    }

    /// <summary>Every media row of an account (grid or not), unordered.</summary>
    public static List<Data.Media> AllMedia(this PictographServer server, string username)
    {
        var owner = server.Account(username).Id;
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        return [.. db.Media.AsNoTracking().Where(m => m.OwnerId == owner)];
    }

    /// <summary>The profile grid as Basic Display lists it: top-level feed posts and reels, newest first (ties: larger id first).</summary>
    public static List<Data.Media> Grid(this PictographServer server, string username) =>
        [.. server.AllMedia(username)
            .Where(m => m.ParentId is null && m.ProductType is MediaProductType.Feed or MediaProductType.Reels)
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)];

    /// <summary>An album's children in carousel order.</summary>
    public static List<Data.Media> Children(this PictographServer server, long albumId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        return [.. db.Media.AsNoTracking().Where(m => m.ParentId == albumId).AsEnumerable().OrderBy(m => m.Position).ThenBy(m => m.Id)];
    }

    /// <summary>The bytes the media store holds for a key.</summary>
    public static async Task<byte[]> StoredBytesAsync(this PictographServer server, string key)
    {
        var store = server.Services.GetRequiredService<IMediaStore>();
        var media = await store.OpenAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"No stored object '{key}'.");
        await using var content = media.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
