using System.Text.Json;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary><c>/me</c> and <c>/{user-id}</c>: the Basic Display User node.</summary>
[Collection(ServerCollection.Name)]
public sealed class UserTests(PictographServer server)
{
    private string Token => server.Demo.Token;

    private string JaneId => DemoData.Id(server.Demo.AccountId);

    public static TheoryData<string> MePaths => new() { "/me", "/v25.0/me", "/v21.0//me", "/v21.0/me/", "/me/" };

    [Theory]
    [MemberData(nameof(MePaths))]
    public async Task Me_answers_every_user_field_with_or_without_a_version(string path)
    {
        var response = await server.GetAsync($"{path}?fields=account_type,id,media_count,username&access_token={Token}");

        Assert.Equal(200, response.Status);
        var me = response.Json;
        Assert.Equal(["account_type", "id", "media_count", "username"], GraphAssert.Names(me));
        Assert.Equal("PERSONAL", me.GetProperty("account_type").GetString());
        Assert.Equal(JaneId, me.GetProperty("id").GetString());
        Assert.Equal(server.Grid(DemoWorld.PersonalUsername).Count, me.GetProperty("media_count").GetInt64());
        Assert.Equal(DemoWorld.PersonalUsername, me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Leading_repeated_slashes_reach_me()
    {
        // Built by hand so HttpClient cannot treat "///me" as a network-path reference.
        var uri = new Uri($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}///me?fields=id,username&access_token={Token}");
        Assert.Equal("///me", uri.AbsolutePath);

        var response = await server.GetAsync(uri.AbsoluteUri);

        Assert.Equal(200, response.Status);
        Assert.Equal(JaneId, response.Json.GetProperty("id").GetString());
        Assert.Equal(DemoWorld.PersonalUsername, response.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_version_segment_is_echoed_in_the_api_version_header()
    {
        var versioned = await server.GetAsync($"/v21.0/me?access_token={Token}");
        var plain = await server.GetAsync($"/me?access_token={Token}");

        Assert.Equal("v21.0", Assert.Single(versioned.Headers.GetValues("facebook-api-version")));
        Assert.Equal("v25.0", Assert.Single(plain.Headers.GetValues("facebook-api-version")));
    }

    [Fact]
    public async Task Media_count_counts_the_grid_only()
    {
        var all = server.AllMedia(DemoWorld.PersonalUsername);
        // The seed must hold the things the count leaves out, or this test proves nothing.
        Assert.Contains(all, m => m.ProductType == MediaProductType.Story);
        Assert.Contains(all, m => m.ProductType == MediaProductType.Ad);
        Assert.Contains(all, m => m.ParentId is not null);
        Assert.Contains(all, m => m.ProductType == MediaProductType.Reels);
        var expected = all.Count(m => m.ParentId is null && m.ProductType is MediaProductType.Feed or MediaProductType.Reels);

        var response = await server.GetAsync($"/me?fields=media_count&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.Json.GetProperty("media_count").GetInt64());
        Assert.True(expected < all.Count);
    }

    [Fact]
    public async Task User_id_path_answers_the_same_as_me()
    {
        var byId = await server.GetAsync($"/{JaneId}?fields=id,username,account_type,media_count&access_token={Token}");
        var versioned = await server.GetAsync($"/v21.0/{JaneId}?fields=id,username,account_type,media_count&access_token={Token}");
        var me = await server.GetAsync($"/me?fields=id,username,account_type,media_count&access_token={Token}");

        Assert.Equal(200, byId.Status);
        Assert.Equal(me.Body, byId.Body);
        Assert.Equal(me.Body, versioned.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&fields=")]
    [InlineData("&fields=%20")]
    public async Task Without_fields_only_the_id_is_returned(string fields)
    {
        var response = await server.GetAsync($"/me?access_token={Token}{fields}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["id"], GraphAssert.Names(response.Json));
        Assert.Equal(JsonValueKind.String, response.Json.GetProperty("id").ValueKind);
        Assert.Equal(JaneId, response.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Id_is_appended_last_when_not_asked_for()
    {
        var response = await server.GetAsync($"/me?fields=username,account_type&access_token={Token}");

        Assert.Equal(200, response.Status);
        Assert.Equal(["username", "account_type", "id"], GraphAssert.Names(response.Json));
        Assert.Equal(JaneId, response.Json.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("media_count,username,id,account_type")]
    [InlineData("username,id")]
    [InlineData("id,account_type,username,media_count")]
    [InlineData(" username , media_count ,id")]
    public async Task Fields_come_back_in_the_order_asked(string fields)
    {
        var response = await server.GetAsync($"/me?fields={Uri.EscapeDataString(fields)}&access_token={Token}");

        Assert.Equal(200, response.Status);
        var expected = fields.Split(',').Select(f => f.Trim()).ToList();
        if (!expected.Contains("id"))
        {
            expected.Add("id");
        }

        Assert.Equal(expected, GraphAssert.Names(response.Json));
    }

    [Fact]
    public async Task Other_account_types_are_named_as_the_api_names_them()
    {
        var shop = await server.IssueTokenAsync("example_shop");
        var creator = await server.IssueTokenAsync("studio.creator");

        var shopMe = await server.GetAsync($"/me?fields=account_type,username,media_count&access_token={shop}");
        var creatorMe = await server.GetAsync($"/me?fields=account_type,username,media_count&access_token={creator}");

        Assert.Equal("BUSINESS", shopMe.Json.GetProperty("account_type").GetString());
        Assert.Equal("example_shop", shopMe.Json.GetProperty("username").GetString());
        Assert.Equal(server.Grid("example_shop").Count, shopMe.Json.GetProperty("media_count").GetInt64());
        Assert.Equal(DemoData.Id(server.Account("example_shop").Id), shopMe.Json.GetProperty("id").GetString());
        Assert.Equal("MEDIA_CREATOR", creatorMe.Json.GetProperty("account_type").GetString());
        Assert.Equal(server.Grid("studio.creator").Count, creatorMe.Json.GetProperty("media_count").GetInt64());
    }

    [Fact]
    public async Task Unknown_field_is_a_100_naming_the_node_type()
    {
        var response = await server.GetAsync($"/me?fields=id,followers_count&access_token={Token}");

        GraphAssert.Error(response, 400, 100, message: "(#100) Tried accessing nonexisting field (followers_count) on node type (User)");
    }

    [Fact]
    public async Task A_field_asked_twice_is_a_2500()
    {
        var response = await server.GetAsync($"/me?fields=id,username,id&access_token={Token}");

        GraphAssert.Error(response, 400, 2500);
    }
}
