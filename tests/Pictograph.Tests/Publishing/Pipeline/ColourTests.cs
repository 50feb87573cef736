using NetVips;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>Whatever colour space a JPEG arrives in, what is served is plain 3-band sRGB without a profile.</summary>
public sealed class ColourTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private readonly MediaHost host = fixture.Host;
    private readonly MediaPipeline pipeline = fixture.Pipeline;

    public static TheoryData<string> Sources => ["grey", "cmyk", "p3"];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Output_is_srgb_without_a_profile_and_keeps_its_colours(string source)
    {
        using var original = Image.NewFromBuffer(TestMedia.Jpeg(400, 400));
        var converted = Convert(original, source);
        var url = host.Serve($"/{source}.jpg", converted, "image/jpeg");

        using var media = await pipeline.ProcessImageAsync(url, ImagePurpose.Feed, CancellationToken.None);

        using var output = Image.NewFromFile(media.FilePath);
        Assert.Equal((3, Enums.Interpretation.Srgb), (output.Bands, output.Interpretation));
        Assert.DoesNotContain("icc-profile-data", output.GetFields());
        if (source != "grey")
        {
            // Converted through the embedded profile: each channel's mean matches libvips' own conversion to
            // sRGB (not the raw P3 or CMYK numbers, which differ by 8 to 13 levels or more).
            using var expected = Image.NewFromBuffer(converted).IccTransform("srgb", embedded: true);
            for (var band = 0; band < 3; band++)
            {
                Assert.InRange(output[band].Avg() - expected[band].Avg(), -3, 3);
            }
        }
    }

    private static byte[] Convert(Image srgb, string target) => target switch
    {
        "grey" => srgb.Colourspace(Enums.Interpretation.Bw).JpegsaveBuffer(keep: Enums.ForeignKeep.None),
        "cmyk" => srgb.IccTransform("cmyk", inputProfile: "srgb").JpegsaveBuffer(keep: Enums.ForeignKeep.Icc),
        _ => srgb.IccTransform("p3", inputProfile: "srgb").JpegsaveBuffer(keep: Enums.ForeignKeep.Icc),
    };
}
