using System.Globalization;
using CsCheck;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Paging;

namespace Pictograph.Graph.Tests.Paging;

public class TimeParameterTests
{
    [Theory]
    [InlineData("1714564800", 1714564800L)]
    [InlineData("0", 0L)]
    [InlineData("-86400", -86400L)]
    [InlineData("+42", 42L)]
    [InlineData(" 1714564800 ", 1714564800L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Unix_seconds(string text, long expected)
    {
        Assert.Equal(expected, TimeParameter.Parse("since", text));
    }

    [Theory]
    [InlineData("2024-05-01", 1714521600L)]
    [InlineData("2024-05-01T12:00:00", 1714564800L)]
    [InlineData("2024-05-01T12:00:00Z", 1714564800L)]
    [InlineData("2024-05-01T12:00:00+0000", 1714564800L)]
    [InlineData("2024-05-01T14:00:00+02:00", 1714564800L)]
    [InlineData("2024-05-01 12:00:00", 1714564800L)]
    [InlineData("1969-12-31T23:59:59Z", -1L)]
    [InlineData("  2024-05-01T12:00:00Z  ", 1714564800L)]
    public void Iso_dates_are_read_as_utc_unless_they_carry_an_offset(string text, long expected)
    {
        Assert.Equal(expected, TimeParameter.Parse("until", text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday-ish")]
    [InlineData("12abc")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("2024-13-01")]
    [InlineData("2024-05-01T25:00:00")]
    public void Garbage_is_error_100_naming_the_parameter(string text)
    {
        var error = Assert.Throws<GraphException>(() => TimeParameter.Parse("since", text));

        Assert.Equal(100, error.Error.Code);
        Assert.StartsWith("(#100) The parameter since must be a unix timestamp or a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_garbage_is_quoted_shortened()
    {
        var error = Assert.Throws<GraphException>(() => TimeParameter.Parse("until", new string('x', 5000)));

        Assert.Equal(100, error.Error.Code);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void Any_long_round_trips_through_its_text()
    {
        Gen.Long.Sample(seconds => Assert.Equal(seconds, TimeParameter.Parse("since", seconds.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Any_utc_time_round_trips_through_iso_text()
    {
        Gen.Long[-62_135_596_800, 253_402_300_799].Sample(seconds =>
        {
            var text = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

            Assert.Equal(seconds, TimeParameter.Parse("since", text));
        });
    }

    [Fact]
    public void Random_text_parses_or_throws_a_graph_exception()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["0123456789-+:TZ .x"], 0, 30]).Sample(text =>
        {
            try
            {
                TimeParameter.Parse("since", text);
            }
            catch (GraphException e)
            {
                Assert.Equal(100, e.Error.Code);
            }
        });
    }
}
