using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pictograph.Hosting;
using Pictograph.Media;

namespace Pictograph.Tests.Media;

public class MediaUrlSignerTests
{
    private const string Origin = "https://cdn.example.test";
    private const string Key = "ab/cd/17900000000000102.jpg";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
    private readonly MediaUrlSigner signer;

    public MediaUrlSignerTests() => signer = NewSigner(new byte[32]);

    private MediaUrlSigner NewSigner(byte[] secret) =>
        new(new ServerSecret(secret), Options.Create(new PictographOptions { MediaUrlLifetime = TimeSpan.FromDays(3) }), time);

    private static (string Key, string Oe, string Oh) Parse(string url)
    {
        var uri = new Uri(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        return (uri.AbsolutePath["/media/".Length..], query["oe"]!, query["oh"]!);
    }

    [Fact]
    public void Signed_url_has_the_cdn_shape_and_verifies()
    {
        var url = signer.Sign(Origin, Key);

        Assert.Matches(@"^https://cdn\.example\.test/media/ab/cd/17900000000000102\.jpg\?oe=[0-9A-F]{8}&oh=[A-Za-z0-9_-]{43}$", url);
        var (key, oe, oh) = Parse(url);
        Assert.Equal(Key, key);
        Assert.Equal(MediaUrlCheck.Valid, signer.Verify(key, oe, oh));
    }

    [Fact]
    public void Expiry_is_the_lifetime_rounded_up_to_the_hour_so_urls_are_stable_within_it()
    {
        var first = signer.Sign(Origin, Key);
        time.Advance(TimeSpan.FromMinutes(30)); // 15:09 -> 15:39, same hour
        Assert.Equal(first, signer.Sign(Origin, Key));

        Assert.True(MediaUrlSigner.TryParseExpiry(Parse(first).Oe, out var expires));
        Assert.Equal("67D84700", Parse(first).Oe);
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 16, 0, 0, TimeSpan.Zero), expires);
    }

    [Fact]
    public void Tampering_with_key_expiry_or_signature_is_rejected()
    {
        var (key, oe, oh) = Parse(signer.Sign(Origin, Key));
        var otherOh = Parse(signer.Sign(Origin, "ab/cd/17900000000000103.jpg")).Oh;
        var laterOe = (Convert.ToUInt32(oe, 16) + 3600).ToString("X8", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify("ab/cd/17900000000000103.jpg", oe, oh));
        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify(key, laterOe, oh));
        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify(key, oe, otherOh));
        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify(key, oe.ToLowerInvariant(), oh)); // "67D84700": same time, other text
        Assert.Equal(MediaUrlCheck.BadSignature, signer.Verify("../" + key, oe, oh));
        Assert.Equal(MediaUrlCheck.BadSignature, NewSigner(Enumerable.Repeat((byte)1, 32).ToArray()).Verify(key, oe, oh));
    }

    [Theory]
    [InlineData(null, "x")]
    [InlineData("67D84700", null)]
    [InlineData("", "")]
    public void Missing_parameters_are_reported_as_missing(string? oe, string? oh) =>
        Assert.Equal(MediaUrlCheck.Missing, signer.Verify(Key, oe, oh));

    [Theory]
    [InlineData("67D8470", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("67D847000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("-7D84700", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("67D8470Z", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("67D84700", "AAAA")]
    [InlineData("67D84700", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("67D84700", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Garbled_parameters_are_malformed(string oe, string oh) =>
        Assert.Equal(MediaUrlCheck.Malformed, signer.Verify(Key, oe, oh));

    [Fact]
    public void Urls_past_their_expiry_are_expired()
    {
        var (key, oe, oh) = Parse(signer.Sign(Origin, Key));
        MediaUrlSigner.TryParseExpiry(oe, out var expires);

        time.SetUtcNow(expires.AddSeconds(-1));
        Assert.Equal(MediaUrlCheck.Valid, signer.Verify(key, oe, oh));
        time.SetUtcNow(expires);
        Assert.Equal(MediaUrlCheck.Expired, signer.Verify(key, oe, oh));
    }

    [Fact]
    public void Signing_an_invalid_key_throws() =>
        Assert.Throws<ArgumentException>(() => signer.Sign(Origin, "../secret.key"));
}
