using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Facebook;

/// <summary>The Facebook Login path to an Instagram account: /me, /me/accounts, the Page, its IG user and the media.</summary>
[Collection(ServerCollection.Name)]
public sealed class FacebookLoginTests(PictographServer server)
{
    private const string Scopes = "public_profile,pages_show_list,instagram_basic";

    private static void AssertOk(GraphResponse response) => Assert.True(response.Status == 200, response.Body);

    [Fact]
    public async Task Me_is_the_facebook_user_with_name_and_id_by_default()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var developer = server.Developer();

        var response = await server.GetAsync($"/v25.0/me?access_token={token}");

        AssertOk(response);
        Assert.Equal(["name", "id"], GraphAssert.Names(response.Json));
        Assert.Equal(DemoData.Id(developer.Id), response.Json.GetProperty("id").GetString());
        Assert.Equal(developer.Name, response.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Email_needs_the_email_permission()
    {
        var without = await server.DeveloperTokenAsync(Scopes);
        var with = await server.DeveloperTokenAsync(Scopes + ",email");

        var refused = await server.GetAsync($"/me?fields=id,email&access_token={without}");
        var served = await server.GetAsync($"/me?fields=id,email&access_token={with}");

        GraphAssert.Error(refused, 403, 10);
        AssertOk(served);
        Assert.Equal(DemoWorld.DeveloperEmail, served.Json.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Me_accounts_lists_exactly_the_managed_pages_with_their_default_fields()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var pages = server.DeveloperPages();

        var response = await server.GetAsync($"/me/accounts?access_token={token}");

        AssertOk(response);
        var items = response.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(pages.Select(p => DemoData.Id(p.Id)), items.Select(i => i.GetProperty("id").GetString()));
        foreach (var (item, page) in items.Zip(pages))
        {
            Assert.Equal(["access_token", "category", "category_list", "name", "id", "tasks"], GraphAssert.Names(item));
            Assert.Equal(page.Name, item.GetProperty("name").GetString());
            Assert.Equal(page.Category, item.GetProperty("category").GetString());
            var category = Assert.Single(item.GetProperty("category_list").EnumerateArray());
            Assert.Equal(["id", "name"], GraphAssert.Names(category));
            Assert.Equal(page.Category, category.GetProperty("name").GetString());
            Assert.Matches("^[1-9][0-9]{14}$", category.GetProperty("id").GetString());
            Assert.Equal(["MANAGE", "CREATE_CONTENT", "MODERATE", "ADVERTISE", "ANALYZE"], item.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
            Assert.StartsWith("EAA", item.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_category_keeps_its_id_and_different_categories_differ()
    {
        var token = await server.DeveloperTokenAsync(Scopes);

        var first = await server.GetAsync($"/me/accounts?fields=category,category_list&access_token={token}");
        var second = await server.GetAsync($"/me/accounts?fields=category,category_list&access_token={token}");

        AssertOk(first);
        Assert.Equal(first.Body, second.Body);
        var byName = first.Json.GetProperty("data").EnumerateArray()
            .Select(i => i.GetProperty("category_list")[0])
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetString());
        Assert.True(byName.Count >= 2, first.Body);
        Assert.Equal(byName.Count, byName.Values.Distinct().Count());
    }

    [Fact]
    public async Task Each_listed_page_token_acts_as_its_page()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var listing = await server.GetAsync($"/me/accounts?fields=id,access_token&access_token={token}");
        AssertOk(listing);

        foreach (var item in listing.Json.GetProperty("data").EnumerateArray())
        {
            var pageToken = item.GetProperty("access_token").GetString();
            var me = await server.GetAsync($"/me?access_token={pageToken}");

            AssertOk(me);
            Assert.Equal(["name", "id"], GraphAssert.Names(me.Json));
            Assert.Equal(item.GetProperty("id").GetString(), me.Json.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Page_tokens_are_new_per_listing_and_follow_the_user_tokens_lifetime()
    {
        var longLived = await server.DeveloperTokenAsync(Scopes);
        var shortLived = await server.DeveloperTokenAsync(Scopes, TokenKind.ShortLived);
        var tokens = server.Services.GetRequiredService<TokenService>();

        var first = await PageTokenAsync(longLived);
        var second = await PageTokenAsync(longLived);
        var fromShort = await PageTokenAsync(shortLived);
        var (longInfo, shortInfo, userInfo) = (await tokens.ValidateAsync(first), await tokens.ValidateAsync(fromShort), await tokens.ValidateAsync(shortLived));

        Assert.NotEqual(first, second);
        Assert.Equal(TokenKind.Page, longInfo.Kind);
        Assert.Equal(0, longInfo.ExpiresAt);
        Assert.Equal(server.Developer().Id, longInfo.OnBehalfOfId);
        Assert.Equal(TokenInfo.ParseScopes(Scopes), longInfo.Scopes);
        Assert.Equal(server.Demo.AppId, longInfo.AppId);
        Assert.Equal(userInfo.ExpiresAt, shortInfo.ExpiresAt);
    }

    private async Task<string> PageTokenAsync(string userToken)
    {
        var response = await server.GetAsync($"/me/accounts?fields=access_token&limit=1&access_token={userToken}");
        AssertOk(response);
        return response.Json.GetProperty("data")[0].GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Page_instagram_business_account_is_the_linked_account_id()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var page = server.PageOf("example_shop");
        var shop = server.Account("example_shop");

        var response = await server.GetAsync($"/{page.Id}?fields=instagram_business_account&access_token={token}");

        AssertOk(response);
        Assert.Equal($$"""{"instagram_business_account":{"id":"{{shop.Id}}"},"id":"{{page.Id}}"}""", response.Body);
    }

    [Fact]
    public async Task Page_fields_for_its_manager()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var page = server.PageOf("studio.creator");
        var creator = server.Account("studio.creator");

        var response = await server.GetAsync($"/{page.Id}?fields=id,name,category,connected_instagram_account{{username}},tasks&access_token={token}");

        AssertOk(response);
        var json = response.Json;
        Assert.Equal(page.Name, json.GetProperty("name").GetString());
        Assert.Equal(page.Category, json.GetProperty("category").GetString());
        Assert.Equal("studio.creator", json.GetProperty("connected_instagram_account").GetProperty("username").GetString());
        Assert.Equal(DemoData.Id(creator.Id), json.GetProperty("connected_instagram_account").GetProperty("id").GetString());
        Assert.Equal(5, json.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Page_without_fields_is_name_and_id()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var page = server.PageOf("example_shop");

        var response = await server.GetAsync($"/{page.Id}?access_token={token}");

        AssertOk(response);
        Assert.Equal($$"""{"name":"{{page.Name}}","id":"{{page.Id}}"}""", response.Body);
    }

    [Fact]
    public async Task Me_accounts_expands_the_instagram_account()
    {
        var token = await server.DeveloperTokenAsync(Scopes);

        var response = await server.GetAsync($"/me/accounts?fields=id,name,access_token,instagram_business_account{{id,username}}&access_token={token}");

        AssertOk(response);
        var accounts = response.Json.GetProperty("data").EnumerateArray()
            .Select(item => item.GetProperty("instagram_business_account"))
            .ToDictionary(a => a.GetProperty("username").GetString()!, a => a.GetProperty("id").GetString());
        Assert.Equal(DemoData.Id(server.Account("example_shop").Id), accounts["example_shop"]);
        Assert.Equal(DemoData.Id(server.Account("studio.creator").Id), accounts["studio.creator"]);
        Assert.Equal(2, accounts.Count);
    }

    [Fact]
    public async Task The_ig_user_and_its_media_with_the_user_token()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var shop = server.Account("example_shop");
        var grid = server.Grid("example_shop");

        var user = await server.GetAsync($"/v25.0/{shop.Id}?fields=id,username,media_count&access_token={token}");
        var media = await server.GetAsync($"/v25.0/{shop.Id}/media?access_token={token}");

        AssertOk(user);
        Assert.Equal($$"""{"id":"{{shop.Id}}","username":"example_shop","media_count":{{grid.Count}}}""", user.Body);
        AssertOk(media);
        Assert.Equal(grid.Select(m => DemoData.Id(m.Id)), GraphAssert.Ids(media.Json));
    }

    [Fact]
    public async Task The_ig_user_profile_fields()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var shop = server.Account("example_shop");

        var response = await server.GetAsync($"/{shop.Id}?fields=ig_id,name,biography,profile_picture_url&access_token={token}");

        AssertOk(response);
        var json = response.Json;
        Assert.Equal(NodeIds.Legacy(shop.Id), json.GetProperty("ig_id").GetInt64());
        Assert.Equal(shop.Name, json.GetProperty("name").GetString());
        Assert.Equal(shop.Biography, json.GetProperty("biography").GetString());
        var picture = await server.Client.GetAsync(json.GetProperty("profile_picture_url").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, picture.StatusCode);
    }

    [Fact]
    public async Task An_ig_media_node_through_the_page()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var shop = server.Account("example_shop");
        var post = server.Grid("example_shop")[0];

        var response = await server.GetAsync($"/{post.Id}?fields=id,caption,media_type,media_product_type,media_url,permalink,shortcode,timestamp,username,owner,is_comment_enabled&access_token={token}");

        AssertOk(response);
        var json = response.Json;
        Assert.Equal(post.Caption, json.GetProperty("caption").GetString());
        Assert.Equal("IMAGE", json.GetProperty("media_type").GetString());
        Assert.Equal("FEED", json.GetProperty("media_product_type").GetString());
        Assert.Equal(post.Shortcode, json.GetProperty("shortcode").GetString());
        Assert.Equal(DemoData.Timestamp(post.CreatedAt), json.GetProperty("timestamp").GetString());
        Assert.Equal("example_shop", json.GetProperty("username").GetString());
        Assert.Equal($$"""{"id":"{{shop.Id}}"}""", json.GetProperty("owner").GetRawText());
        Assert.True(json.GetProperty("is_comment_enabled").GetBoolean());
        Assert.EndsWith($"/p/{post.Shortcode}/", json.GetProperty("permalink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ig_user_needs_instagram_basic()
    {
        var token = await server.DeveloperTokenAsync("pages_show_list");
        var page = server.PageOf("example_shop");
        var shop = server.Account("example_shop");

        GraphAssert.Error(await server.GetAsync($"/{shop.Id}?fields=id,username&access_token={token}"), 403, 10);
        GraphAssert.Error(await server.GetAsync($"/{shop.Id}/media?access_token={token}"), 403, 10);
        GraphAssert.Error(await server.GetAsync($"/{page.Id}?fields=instagram_business_account&access_token={token}"), 403, 10);
    }

    [Fact]
    public async Task Accounts_not_linked_to_a_managed_page_do_not_exist()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var jane = server.Demo.AccountId;
        var janesPost = server.Grid(DemoWorld.PersonalUsername)[0];

        GraphAssert.Error(await server.GetAsync($"/{jane}?fields=id&access_token={token}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{janesPost.Id}?fields=id&access_token={token}"), 400, 100, 33);
    }

    [Fact]
    public async Task A_page_token_reaches_its_own_account_only()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var shopPage = server.PageOf("example_shop");
        var listing = await server.GetAsync($"/me/accounts?fields=id,access_token&access_token={token}");
        var pageToken = listing.Json.GetProperty("data").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == DemoData.Id(shopPage.Id)).GetProperty("access_token").GetString();
        var shop = server.Account("example_shop");
        var creator = server.Account("studio.creator");
        var creatorPage = server.PageOf("studio.creator");

        AssertOk(await server.GetAsync($"/{shop.Id}?fields=id,username&access_token={pageToken}"));
        AssertOk(await server.GetAsync($"/me?fields=instagram_business_account{{username}}&access_token={pageToken}"));
        GraphAssert.Error(await server.GetAsync($"/{creator.Id}?fields=id&access_token={pageToken}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{creatorPage.Id}?fields=id&access_token={pageToken}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{server.Developer().Id}?fields=id&access_token={pageToken}"), 400, 100, 33);
    }

    [Fact]
    public async Task Other_flavours_do_not_reach_facebook_nodes()
    {
        var instagram = await server.IssueTokenAsync(server.Account("example_shop").Id, TokenFlavour.InstagramLogin, "instagram_business_basic");
        var page = server.PageOf("example_shop");

        GraphAssert.Error(await server.GetAsync($"/{page.Id}?access_token={instagram}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{server.Developer().Id}?access_token={instagram}"), 400, 100, 33);
        GraphAssert.Error(await server.GetAsync($"/{page.Id}?access_token={server.Demo.Token}"), 400, 100, 33);
    }

    [Fact]
    public async Task Me_accounts_pages_with_cursors()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var pages = server.DeveloperPages();

        var walked = await PagingWalker.WalkAsync(server, $"/me/accounts?fields=id&limit=1&access_token={token}");

        Assert.Equal(pages.Select(p => DemoData.Id(p.Id)), walked.SelectMany(GraphAssert.Ids));
        Assert.Equal(pages.Count, walked.Count);
    }
}
