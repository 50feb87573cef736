using System.Text;
using CsCheck;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Tests.Paging;

public class CursorCodecTests
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly CursorCodec Codec = new(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

    private static readonly Gen<CursorKey> Key =
        Gen.Select(Gen.Long, Gen.Long, Gen.Int.NonNegative, (primary, secondary, position) => new CursorKey(primary, secondary, position));

    private static readonly Gen<string> Scope = Gen.OneOf(
        Gen.String,
        Gen.Select(Gen.String.AlphaNumeric, Gen.String.AlphaNumeric, Gen.Long, (type, edge, id) => $"{type}/{edge}/{id}"));

    [Fact]
    public void Round_trip()
    {
        Gen.Select(Scope, Key).Sample((scope, key) =>
        {
            var text = Codec.Encode(scope, key);

            Assert.True(Codec.TryDecode(scope, text, out var decoded));
            Assert.Equal(key, decoded);
            Assert.Equal(key, Codec.Decode(scope, text, "after"));
        });
    }

    [Fact]
    public void Encodings_start_with_QVFI_and_are_url_safe()
    {
        Gen.Select(Scope, Key).Sample((scope, key) =>
        {
            var text = Codec.Encode(scope, key);

            Assert.StartsWith("QVFI", text, StringComparison.Ordinal);
            Assert.Equal(52, text.Length);
            Assert.All(text, c => Assert.Contains(c, Base64Url));
        });
    }

    [Fact]
    public void Extreme_keys_round_trip()
    {
        foreach (var key in new[] { new CursorKey(0, 0, 0), new CursorKey(long.MinValue, long.MaxValue, int.MaxValue), new CursorKey(-1, -1, 0) })
        {
            Assert.Equal(key, Codec.Decode("User/media/1", Codec.Encode("User/media/1", key), "after"));
        }
    }

    [Fact]
    public void Any_single_character_change_fails_to_decode()
    {
        var change = Gen.Select(Scope, Key, Gen.Int.NonNegative, Gen.OneOf(Gen.Char[Base64Url + "+/= .%"], Gen.Char));
        change.Sample((scope, key, at, replacement) =>
        {
            var text = Codec.Encode(scope, key);
            var i = at % text.Length;
            if (SameSymbol(text[i], replacement))
            {
                return;
            }

            var tampered = string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));

            Assert.False(Codec.TryDecode(scope, tampered, out _), $"{text} -> {tampered}");
        });
    }

    [Fact]
    public void Every_position_and_every_other_symbol_is_checked()
    {
        var text = Codec.Encode("User/media/17841400000000101", new CursorKey(1_714_564_800, 17_900_000_000_000_001, 24));

        for (var i = 0; i < text.Length; i++)
        {
            foreach (var replacement in Base64Url)
            {
                if (replacement == text[i])
                {
                    continue;
                }

                var tampered = string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));
                Assert.False(Codec.TryDecode("User/media/17841400000000101", tampered, out _), tampered);
            }
        }
    }

    [Fact]
    public void Deleting_or_inserting_a_character_fails_to_decode()
    {
        Gen.Select(Key, Gen.Int.NonNegative, Gen.Char[Base64Url + "+/= "]).Sample((key, at, c) =>
        {
            var text = Codec.Encode("scope", key);
            var i = at % text.Length;

            Assert.False(Codec.TryDecode("scope", text.Remove(i, 1), out _));
            Assert.False(Codec.TryDecode("scope", text.Insert(i, c.ToString()), out _));
        });
    }

    [Fact]
    public void The_standard_base64_alphabet_and_padding_are_accepted()
    {
        // Clients sometimes re-encode cursors; the same bytes in the other alphabet are the same cursor.
        Key.Sample(key =>
        {
            var text = Codec.Encode("scope", key);
            var standard = text.Replace('-', '+').Replace('_', '/');

            Assert.Equal(key, Codec.Decode("scope", standard, "after"));
        });
    }

    [Fact]
    public void A_cursor_decoded_under_another_scope_fails()
    {
        // Scopes are compared as the UTF-8 they are signed as (lone surrogates all encode as U+FFFD).
        Gen.Select(Scope, Scope, Key).Where((a, b, _) => !Encoding.UTF8.GetBytes(a).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(b))).Sample((scope, other, key) =>
        {
            var text = Codec.Encode(scope, key);

            Assert.False(Codec.TryDecode(other, text, out _));
        });
    }

    [Theory]
    [InlineData("User/media/1", "User/media/2")]
    [InlineData("User/media/1", "User/tags/1")]
    [InlineData("User/media/1", "IGMedia/media/1")]
    [InlineData("User/media/1", "User/media/1 ")]
    [InlineData("a", "a\0")]
    [InlineData("", "x")]
    public void Neighbouring_scopes_do_not_share_cursors(string scope, string other)
    {
        var text = Codec.Encode(scope, new CursorKey(5, 6, 7));

        Assert.False(Codec.TryDecode(other, text, out _));
        Assert.False(new CursorCodec(Encoding.UTF8.GetBytes("another key of 32 bytes length!!")).TryDecode(scope, text, out _));
    }

    [Fact]
    public void A_cursor_under_another_key_fails()
    {
        var other = new CursorCodec(Encoding.UTF8.GetBytes("fedcba9876543210fedcba9876543210"));

        Key.Sample(key => Assert.False(other.TryDecode("scope", Codec.Encode("scope", key), out _)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("QVFI")]
    [InlineData("not a cursor")]
    [InlineData("!!!!")]
    [InlineData("QVFIaGVsbG8=")]
    [InlineData("=")]
    [InlineData("====")]
    [InlineData("QVFI\0")]
    public void Garbage_fails(string text)
    {
        Assert.False(Codec.TryDecode("scope", text, out var cursor));
        Assert.Equal(default, cursor);
    }

    [Fact]
    public void Too_long_text_fails()
    {
        var text = Codec.Encode("scope", new CursorKey(1, 2, 3));

        Assert.False(Codec.TryDecode("scope", text + new string('A', 13), out _));
        Assert.False(Codec.TryDecode("scope", new string('A', 64), out _));
        Assert.False(Codec.TryDecode("scope", new string('A', 10_000), out _));
    }

    [Fact]
    public void Random_text_never_decodes()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char[Base64Url], 0, 70]).Sample(text => Assert.False(Codec.TryDecode("scope", text, out _)));
    }

    [Fact]
    public void A_negative_position_is_refused()
    {
        var text = Codec.Encode("scope", new CursorKey(1, 2, -1));

        Assert.False(Codec.TryDecode("scope", text, out _));
    }

    [Fact]
    public void Decode_throws_error_100_naming_the_parameter()
    {
        var error = Assert.Throws<GraphException>(() => Codec.Decode("scope", "QVFIgarbage", "before"));

        Assert.Equal(100, error.Error.Code);
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.Equal("(#100) The before cursor is not valid for this request", error.Message);

        var foreign = Codec.Encode("other", new CursorKey(1, 2, 3));
        Assert.Equal(100, Assert.Throws<GraphException>(() => Codec.Decode("scope", foreign, "after")).Error.Code);
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        Assert.Equal(Codec.Encode("s", new CursorKey(1, 2, 3)), Codec.Encode("s", new CursorKey(1, 2, 3)));
        Assert.NotEqual(Codec.Encode("s", new CursorKey(1, 2, 3)), Codec.Encode("s", new CursorKey(1, 2, 4)));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CursorCodec(new byte[15]));
    }

    private static bool SameSymbol(char a, char b) => Normal(a) == Normal(b);

    private static char Normal(char c) => c switch
    {
        '+' => '-',
        '/' => '_',
        _ => c,
    };
}
