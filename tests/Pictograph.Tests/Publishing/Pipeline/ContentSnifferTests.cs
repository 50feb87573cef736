using System.Text;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Tests.Publishing.Pipeline;

public class ContentSnifferTests
{
    public static TheoryData<string, string> Signatures => new()
    {
        { "FFD8FFE0", nameof(MediaKind.Jpeg) },
        { "89504E470D0A1A0A", nameof(MediaKind.OtherImage) },
        { Hex("GIF89a"), nameof(MediaKind.OtherImage) },
        { Hex("RIFF") + "00000000" + Hex("WEBPVP8 "), nameof(MediaKind.OtherImage) },
        { "00000018" + Hex("ftypheic") + "00000000", nameof(MediaKind.OtherImage) },
        { "0000001C" + Hex("ftypavif") + "00000000", nameof(MediaKind.OtherImage) },
        { Hex("II*") + "00", nameof(MediaKind.OtherImage) },
        { "00000018" + Hex("ftypisom") + "00000200", nameof(MediaKind.IsoVideo) },
        { "00000014" + Hex("ftypqt  ") + "00000000", nameof(MediaKind.IsoVideo) },
        { "1A45DFA3", nameof(MediaKind.OtherVideo) },
        { Hex("RIFF") + "00000000" + Hex("AVI LIST"), nameof(MediaKind.OtherVideo) },
        { Hex("<!DOCTYPE html>"), nameof(MediaKind.Unknown) },
        { Hex("BM is not enough"), nameof(MediaKind.Unknown) },
        { "", nameof(MediaKind.Unknown) },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Files_are_told_apart_by_their_first_bytes(string head, string kind)
    {
        Assert.Equal(kind, ContentSniffer.Sniff(Convert.FromHexString(head)).ToString());
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
}
