using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Wire;

/// <summary>A call without an access token: 2500 on <c>/me</c> paths, 104 on every other node, as graph.facebook.com answers.</summary>
[Collection(ServerCollection.Name)]
public sealed class NoTokenTests(PictographServer server)
{
    private const string MeMessage = "An active access token must be used to query information about the current user.";
    private const string NodeMessage = "An access token is required to request this resource.";

    [Theory]
    [InlineData("/me", 2500, MeMessage)]
    [InlineData("/me/media?fields=id", 2500, MeMessage)]
    [InlineData("/v25.0/me?fields=[\"id\"]", 2500, MeMessage)]
    [InlineData("/{jane}", 104, NodeMessage)]
    [InlineData("/v21.0/{jane}/media", 104, NodeMessage)]
    [InlineData("/?ids={jane}&fields=id", 104, NodeMessage)]
    [InlineData("/?ids=me", 104, NodeMessage)]
    public async Task A_read_without_a_token_gets_the_code_of_its_path(string path, int code, string message)
    {
        var response = await server.GetAsync(path.Replace("{jane}", DemoData.Id(server.Demo.AccountId), StringComparison.Ordinal));

        var error = GraphAssert.Error(response, 400, code, message: message);
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Null(response.ErrorSubcode);
        Assert.Equal($"OAuth \"Facebook Platform\" \"invalid_request\" \"{message}\"", GraphAssert.Authenticate(response));
    }

    [Fact]
    public async Task A_write_without_a_token_gets_the_same_codes()
    {
        using var onMe = new HttpRequestMessage(HttpMethod.Post, "/me/media?image_url=https://example.com/a.jpg");
        using var onNode = new HttpRequestMessage(HttpMethod.Post, $"/{DemoData.Id(server.Demo.AccountId)}/media?image_url=https://example.com/a.jpg");

        GraphAssert.Error(await server.SendAsync(onMe), 400, 2500, message: MeMessage);
        GraphAssert.Error(await server.SendAsync(onNode), 400, 104, message: NodeMessage);
    }

    [Fact]
    public async Task Me_with_an_app_token_is_the_2500_of_no_user()
    {
        var appToken = Uri.EscapeDataString($"{DemoData.Id(server.Demo.AppId)}|{server.Demo.AppSecret}");

        GraphAssert.Error(await server.GetAsync($"/me?fields=id&access_token={appToken}"), 400, 2500, message: MeMessage);
        GraphAssert.Error(await server.GetAsync($"/?ids=me&access_token={appToken}"), 400, 2500, message: MeMessage);
    }

    [Fact]
    public async Task Debug_token_without_a_token_is_a_104()
    {
        var response = await server.GetAsync($"/debug_token?input_token={server.Demo.Token}");

        GraphAssert.Error(response, 400, 104, message: NodeMessage);
    }
}
