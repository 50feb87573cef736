using Pictograph.Graph.Errors;
using Pictograph.Graph.Routing;

namespace Pictograph.Graph.Tests.Routing;

public class GraphPathTests
{
    [Theory]
    [InlineData("/me", null, "me", null)]
    [InlineData("me", null, "me", null)]
    [InlineData("/me/media", null, "me", "media")]
    [InlineData("/v21.0/me", "v21.0", "me", null)]
    [InlineData("/v21.0/me/media", "v21.0", "me", "media")]
    [InlineData("//v21.0///123//media/", "v21.0", "123", "media")]
    [InlineData("/17841400000000101/media", null, "17841400000000101", "media")]
    [InlineData("/v9.0/17841400000000101/", "v9.0", "17841400000000101", null)]
    [InlineData("/v21.0", "v21.0", null, null)]
    [InlineData("/v21.0/", "v21.0", null, null)]
    [InlineData("/", null, null, null)]
    [InlineData("", null, null, null)]
    [InlineData("////", null, null, null)]
    [InlineData("/V21.0/me", null, "V21.0", "me")]
    [InlineData("/me/v21.0", null, "me", "v21.0")]
    public void Segments(string path, string? version, string? node, string? edge)
    {
        Assert.Equal(new GraphPath(version, node, edge), GraphPath.Parse(path));
    }

    [Theory]
    [InlineData("/me/a/b", "Unknown path components: /a/b")]
    [InlineData("/v21.0/me/a/b", "Unknown path components: /a/b")]
    [InlineData("//me//a//b//", "Unknown path components: /a/b")]
    [InlineData("/v21.0/me/media/x/y", "Unknown path components: /media/x/y")]
    [InlineData("/v21.0/v21.0/me/media", "Unknown path components: /me/media")]
    [InlineData("/v21/me", "Unknown path components: /me")]
    [InlineData("/2.11/me/feed", "Unknown path components: /me/feed")]
    public void Too_many_segments_is_error_2500(string path, string message)
    {
        var error = Assert.Throws<GraphException>(() => GraphPath.Parse(path));

        Assert.Equal(2500, error.Error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("/v25.0/me/media", "v25.0", "me", "media")]
    [InlineData("/v99.0", null, "v99.0", null)]
    [InlineData("/2.11", null, "2.11", null)]
    [InlineData("/12345/media", null, "12345", "media")]
    [InlineData("/vanity/media", null, "vanity", "media")]
    public void The_caller_decides_which_segments_are_versions(string path, string? version, string? node, string? edge)
    {
        Assert.Equal(new GraphPath(version, node, edge), GraphPath.Parse(path, v => v == "v25.0"));
    }

    [Theory]
    [InlineData("/v99.0/me", "Unknown path components: /me")]
    [InlineData("/v24.0/me/media", "Unknown path components: /me/media")]
    [InlineData("/v2.80/me/feed", "Unknown path components: /me/feed")]
    [InlineData("/v3/me", "Unknown path components: /me")]
    public void A_version_attempt_the_caller_does_not_know_is_a_node_followed_by_an_unknown_path(string path, string message)
    {
        var error = Assert.Throws<GraphException>(() => GraphPath.Parse(path, v => v == "v25.0"));

        Assert.Equal(2500, error.Error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_very_long_path_is_error_2500_with_a_short_message()
    {
        var path = "/" + new string('a', GraphPath.MaxLength);

        var error = Assert.Throws<GraphException>(() => GraphPath.Parse(path));

        Assert.Equal(2500, error.Error.Code);
        Assert.StartsWith("Unknown path components: /aaa", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 120, error.Message);
    }

    [Fact]
    public void A_path_of_exactly_the_maximum_length_is_read()
    {
        var node = new string('1', GraphPath.MaxLength - 1);

        Assert.Equal(new GraphPath(null, node, null), GraphPath.Parse("/" + node));
    }

    [Fact]
    public void Many_slashes_within_the_limit_are_tolerated()
    {
        var path = new string('/', 1000) + "me" + new string('/', 1000) + "media";

        Assert.Equal(new GraphPath(null, "me", "media"), GraphPath.Parse(path));
    }
}
