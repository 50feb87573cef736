using Microsoft.Extensions.Options;
using Pictograph.Hosting;
using Pictograph.Media;

namespace Pictograph.Tests.Media;

public sealed class DiskMediaStoreTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("pictograph-media-").FullName;
    private readonly DiskMediaStore store;

    public DiskMediaStoreTests() =>
        store = new DiskMediaStore(Options.Create(new PictographOptions { DataDirectory = dataDirectory }));

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private Task Put(string key, byte[] bytes) => store.PutAsync(key, new MemoryStream(bytes), CancellationToken.None);

    [Fact]
    public async Task Put_then_open_round_trips_the_bytes()
    {
        byte[] bytes = [0xFF, 0xD8, 1, 2, 3];
        await Put("ab/cd/1.jpg", bytes);

        var media = await store.OpenAsync("ab/cd/1.jpg", CancellationToken.None);

        Assert.NotNull(media);
        await using (media.Content)
        {
            using var copy = new MemoryStream();
            await media.Content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        Assert.Equal(5, media.Length);
        Assert.Equal("image/jpeg", media.ContentType);
        Assert.InRange(media.LastModified, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "media", "ab", "cd", "1.jpg")));
    }

    [Fact]
    public async Task Put_replaces_and_leaves_no_temp_files()
    {
        await Put("ab/cd/2.mp4", [1, 2, 3]);
        await Put("ab/cd/2.mp4", [4]);

        var media = await store.OpenAsync("ab/cd/2.mp4", CancellationToken.None);
        Assert.NotNull(media);
        await using (media.Content)
        {
            Assert.Equal(1, media.Length);
            Assert.Equal("video/mp4", media.ContentType);
        }

        Assert.Equal(["2.mp4"], Directory.GetFiles(Path.Combine(dataDirectory, "media", "ab", "cd")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("ab/cd/missing.jpg")]
    [InlineData("ab/cd")] // a folder, not a file
    public async Task Open_returns_null_when_absent(string key)
    {
        await Put("ab/cd/3.jpg", [1]);
        Assert.Null(await store.OpenAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../secret.key")]
    [InlineData("ab/../../secret.key")]
    [InlineData("/etc/passwd")]
    [InlineData("%2e%2e/secret.key")]
    [InlineData("..\\secret.key")]
    public async Task Open_refuses_keys_that_leave_the_media_folder(string key)
    {
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "secret.key"), "top secret");
        Assert.Null(await store.OpenAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Put_refuses_invalid_keys()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Put("../escape.jpg", [1]));
        Assert.False(File.Exists(Path.Combine(dataDirectory, "escape.jpg")));
    }
}
