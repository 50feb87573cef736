using Pictograph.Media;

namespace Pictograph.Tests.Media;

public class MediaKeyTests
{
    [Theory]
    [InlineData("ab/cd/17900000000000102.jpg")]
    [InlineData("avatar_1-2.webp")]
    public void Accepts_well_formed_keys(string key) => Assert.True(MediaKey.IsValid(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/ab/cd/1.jpg")]
    [InlineData("ab/cd/")]
    [InlineData("ab//1.jpg")]
    [InlineData("..")]
    [InlineData("ab/../1.jpg")]
    [InlineData("ab/./1.jpg")]
    [InlineData("ab/.1.jpg.0123.tmp")]
    [InlineData("%2e%2e/secret.key")]
    [InlineData("AB/cd/1.jpg")]
    [InlineData("ab\\cd\\1.jpg")]
    [InlineData("ab/cd/ü.jpg")]
    [InlineData("ab/cd/1.jpg?x")]
    [InlineData("ab/cd/1.jpg\0")]
    public void Rejects_malformed_keys(string? key) => Assert.False(MediaKey.IsValid(key));

    [Fact]
    public void Rejects_very_long_keys() => Assert.False(MediaKey.IsValid(new string('a', 10_000)));

    [Fact]
    public void For_spreads_ids_over_two_hex_folder_levels()
    {
        var key = MediaKey.For(17900000000000102, "jpg");

        Assert.Matches(@"^[0-9a-f]{2}/[0-9a-f]{2}/17900000000000102\.jpg$", key);
        Assert.True(MediaKey.IsValid(key));
        Assert.Equal(key, MediaKey.For(17900000000000102, "jpg"));
        Assert.NotEqual(key[..5], MediaKey.For(17900000000000103, "jpg")[..5]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("JPG")]
    [InlineData(".jpg")]
    [InlineData("a/b")]
    public void For_rejects_bad_extensions(string extension) =>
        Assert.Throws<ArgumentException>(() => MediaKey.For(1, extension));

    [Theory]
    [InlineData("ab/cd/1.jpg", "image/jpeg")]
    [InlineData("ab/cd/1.jpeg", "image/jpeg")]
    [InlineData("ab/cd/1.mp4", "video/mp4")]
    [InlineData("ab/cd/1.png", "image/png")]
    [InlineData("ab/cd/1.webp", "image/webp")]
    [InlineData("ab/cd/1.bin", "application/octet-stream")]
    [InlineData("ab/cd/1", "application/octet-stream")]
    public void Content_type_follows_the_extension(string key, string contentType) =>
        Assert.Equal(contentType, MediaKey.ContentType(key));
}
