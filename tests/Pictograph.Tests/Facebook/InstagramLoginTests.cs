using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Facebook;

/// <summary>The API with Instagram Login (graph.instagram.com): <c>/me</c> is the professional account itself.</summary>
[Collection(ServerCollection.Name)]
public sealed class InstagramLoginTests(PictographServer server)
{
    private Task<string> ShopTokenAsync(string scopes = "instagram_business_basic") =>
        server.IssueTokenAsync(server.Account("example_shop").Id, TokenFlavour.InstagramLogin, scopes);

    [Fact]
    public async Task Me_is_the_professional_account()
    {
        var token = await ShopTokenAsync();
        var shop = server.Account("example_shop");
        var count = server.Grid("example_shop").Count;

        var response = await server.GetAsync($"/v25.0/me?fields=id,user_id,username,account_type,media_count&access_token={token}");

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal($$"""{"id":"{{shop.Id}}","user_id":"{{shop.Id}}","username":"example_shop","account_type":"BUSINESS","media_count":{{count}}}""", response.Body);
    }

    [Fact]
    public async Task Me_without_fields_is_the_id()
    {
        var token = await ShopTokenAsync();

        var response = await server.GetAsync($"/me?access_token={token}");

        Assert.Equal($$"""{"id":"{{server.Account("example_shop").Id}}"}""", response.Body);
    }

    [Fact]
    public async Task Media_edge_and_media_nodes_of_the_own_account()
    {
        var token = await ShopTokenAsync();
        var grid = server.Grid("example_shop");

        var media = await server.GetAsync($"/me/media?fields=id,media_product_type,owner{{username}}&access_token={token}");
        var node = await server.GetAsync($"/{grid[0].Id}?fields=caption,username&access_token={token}");

        Assert.True(media.Status == 200, media.Body);
        Assert.Equal(grid.Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(media.Json));
        Assert.All(media.Json.GetProperty("data").EnumerateArray(), m => Assert.Equal("example_shop", m.GetProperty("owner").GetProperty("username").GetString()));
        Assert.Equal(grid[0].Caption, node.Json.GetProperty("caption").GetString());
    }

    [Fact]
    public async Task Other_accounts_and_their_media_do_not_exist()
    {
        var token = await ShopTokenAsync();
        var creator = server.Account("studio.creator");
        var janesPost = server.Grid(DemoWorld.PersonalUsername)[0];

        GraphAssert.Error(await server.GetAsync($"/{creator.Id}?access_token={token}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{janesPost.Id}?access_token={token}"), 400, 100, 33);
    }

    [Fact]
    public async Task Errors_name_the_node_type_user()
    {
        var token = await ShopTokenAsync();

        var response = await server.GetAsync($"/me?fields=nope&access_token={token}");

        GraphAssert.Error(response, 400, 100, message: "(#100) Tried accessing nonexisting field (nope) on node type (User)");
    }

    [Fact]
    public async Task A_token_without_instagram_business_basic_is_refused()
    {
        var token = await ShopTokenAsync("instagram_business_content_publish");

        GraphAssert.Error(await server.GetAsync($"/me?access_token={token}"), 403, 10);
    }
}
