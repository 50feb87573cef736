using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>Permissions, other people's data, unknown paths and verbs.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccessTests(PictographServer server)
{
    private const string PermissionDenied = "(#10) Application does not have permission for this action";

    private string Token => server.Demo.Token;

    private string FirstGridMediaId => DemoData.Id(server.Grid(DemoWorld.PersonalUsername)[0].Id);

    [Fact]
    public async Task Profile_only_token_reads_the_profile_fields()
    {
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername, scopes: "user_profile");

        var response = await server.GetAsync($"/me?fields=id,username,account_type&access_token={token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(DemoData.Id(server.Demo.AccountId), response.Json.GetProperty("id").GetString());
        Assert.Equal("jane.doe", response.Json.GetProperty("username").GetString());
        Assert.Equal("PERSONAL", response.Json.GetProperty("account_type").GetString());
    }

    [Theory]
    [InlineData("/me?fields=id,media_count")]
    [InlineData("/me?fields=media_count")]
    [InlineData("/me/media")]
    [InlineData("/v21.0/me/media?fields=id,caption")]
    [InlineData("/me?fields=id,media{id}")]
    [InlineData("/{media}")]
    [InlineData("/{media}?fields=id,media_url")]
    [InlineData("/{media}/children")]
    public async Task Profile_only_token_is_refused_media(string path)
    {
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername, scopes: "user_profile");
        var url = path.Replace("{media}", FirstGridMediaId, StringComparison.Ordinal);

        var response = await server.GetAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}access_token={token}");

        GraphAssert.Error(response, 403, 10, message: PermissionDenied);
    }

    [Theory]
    [InlineData("/me")]
    [InlineData("/me?fields=id,username")]
    [InlineData("/me?fields=media_count")]
    [InlineData("/me/media")]
    public async Task Media_only_token_cannot_read_the_user(string path)
    {
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername, scopes: "user_media");

        var response = await server.GetAsync($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}access_token={token}");

        GraphAssert.Error(response, 403, 10, message: PermissionDenied);
    }

    [Fact]
    public async Task Token_without_any_permission_reads_nothing()
    {
        var token = await server.IssueTokenAsync(DemoWorld.PersonalUsername, scopes: "");

        GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 403, 10);
        GraphAssert.Error(await server.GetAsync($"/{FirstGridMediaId}?access_token={token}"), 403, 10);
    }

    public static TheoryData<string> OtherOwners => new() { "example_shop", "studio.creator" };

    [Theory]
    [MemberData(nameof(OtherOwners))]
    public async Task Another_accounts_id_is_an_unsupported_get(string username)
    {
        var id = DemoData.Id(server.Account(username).Id);

        var response = await server.GetAsync($"/{id}?fields=id,username&access_token={Token}");
        var edge = await server.GetAsync($"/{id}/media?access_token={Token}");

        var error = GraphAssert.Error(response, 400, 100, subcode: 33);
        Assert.Equal("GraphMethodException", error.GetProperty("type").GetString());
        Assert.StartsWith($"Unsupported get request. Object with ID '{id}' does not exist", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        GraphAssert.Error(edge, 400, 100, subcode: 33);
    }

    [Theory]
    [MemberData(nameof(OtherOwners))]
    public async Task Another_accounts_media_is_an_unsupported_get(string username)
    {
        var media = server.Grid(username);
        Assert.NotEmpty(media);

        foreach (var item in media)
        {
            var id = DemoData.Id(item.Id);
            var response = await server.GetAsync($"/{id}?fields=id,caption&access_token={Token}");
            var error = GraphAssert.Error(response, 400, 100, subcode: 33);
            Assert.Equal("GraphMethodException", error.GetProperty("type").GetString());
            Assert.Contains($"'{id}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_owner_of_the_other_media_can_read_it()
    {
        var shop = server.Account("example_shop");
        var token = await server.IssueTokenAsync("example_shop");
        var media = server.Grid("example_shop")[0];

        var response = await server.GetAsync($"/{DemoData.Id(media.Id)}?fields=id,caption,username&access_token={token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(media.Caption, response.Json.GetProperty("caption").GetString());
        Assert.Equal(shop.Username, response.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_story_is_not_readable_by_id()
    {
        var story = server.AllMedia(DemoWorld.PersonalUsername).Single(m => m.ProductType == MediaProductType.Story);

        var response = await server.GetAsync($"/{DemoData.Id(story.Id)}?access_token={Token}");

        GraphAssert.Error(response, 400, 100, subcode: 33);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("jane.doe")]
    [InlineData("self")]
    public async Task Non_numeric_alias_is_an_803(string alias)
    {
        var response = await server.GetAsync($"/{alias}?access_token={Token}");

        GraphAssert.Error(response, 400, 803, message: $"(#803) Some of the aliases you requested do not exist: {alias}");
    }

    [Theory]
    [InlineData("feed", "User", "/me/feed")]
    [InlineData("stories", "User", "/me/stories")]
    [InlineData("username", "User", "/me/username")]
    [InlineData("comments", "Media", "/{media}/comments")]
    public async Task Unknown_edge_is_a_nonexisting_field(string edge, string type, string path)
    {
        var response = await server.GetAsync($"{path.Replace("{media}", FirstGridMediaId, StringComparison.Ordinal)}?access_token={Token}");

        GraphAssert.Error(response, 400, 100, message: $"(#100) Tried accessing nonexisting field ({edge}) on node type ({type})");
    }

    [Theory]
    [InlineData("/me/media/extra", "Unknown path components: /media/extra")]
    [InlineData("/v21.0/me/media/extra/more", "Unknown path components: /media/extra/more")]
    public async Task Extra_path_components_are_a_2500(string path, string message)
    {
        var response = await server.GetAsync($"{path}?access_token={Token}");

        GraphAssert.Error(response, 400, 2500, message: message);
    }

    [Theory]
    [InlineData("POST", "/me")]
    [InlineData("DELETE", "/me")]
    [InlineData("POST", "/me/media")]
    [InlineData("DELETE", "/{media}")]
    public async Task Writes_are_unsupported(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{path.Replace("{media}", FirstGridMediaId, StringComparison.Ordinal)}?access_token={Token}");

        var response = await server.SendAsync(request);

        var error = GraphAssert.Error(response, 400, 100);
        Assert.StartsWith($"Unsupported {method.ToLowerInvariant()} request.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_the_token_in_a_form_body_is_still_unsupported()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/me")
        {
            Content = new FormUrlEncodedContent([new("access_token", Token), new("username", "someone.else")]),
        };

        var response = await server.SendAsync(request);
        var after = await server.GetAsync($"/me?fields=username&access_token={Token}");

        GraphAssert.Error(response, 400, 100);
        Assert.Equal("jane.doe", after.Json.GetProperty("username").GetString());
    }
}
