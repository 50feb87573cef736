using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>The spec's simple IG User and IG Media fields, and media edges of later features answering "not available yet".</summary>
public sealed class LegacyAndNotYetFieldTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task IG_user_serves_its_legacy_and_status_fields()
    {
        var shop = server.Account(Shop);
        var token = await server.FacebookTokenAsync();

        var response = await server.GetAsync($"/{shop.Id}?fields=legacy_instagram_user_id,has_profile_pic,is_published&access_token={token}");

        AssertOk(response);
        Assert.Equal(DemoData.Id(shop.Id), response.Json.GetProperty("legacy_instagram_user_id").GetString());
        Assert.Equal(shop.ProfilePictureKey is not null, response.Json.GetProperty("has_profile_pic").GetBoolean());
        Assert.True(response.Json.GetProperty("is_published").GetBoolean());
    }

    [Fact]
    public async Task Shopping_eligibility_needs_catalog_access_and_is_false_without_catalogs()
    {
        var shop = server.Account(Shop).Id;
        var without = await server.FacebookTokenAsync();
        var with = await server.FacebookTokenAsync(FacebookScopes + ",catalog_management");

        var refused = await server.GetAsync($"/{shop}?fields=shopping_product_tag_eligibility&access_token={without}");
        var served = await server.GetAsync($"/{shop}?fields=shopping_product_tag_eligibility&access_token={with}");

        GraphAssert.Error(refused, 403, 10);
        AssertOk(served);
        Assert.False(served.Json.GetProperty("shopping_product_tag_eligibility").GetBoolean());
    }

    [Fact]
    public async Task IG_media_serves_its_legacy_ids()
    {
        var token = await server.FacebookTokenAsync();
        var media = server.Read(db => db.Media.First(m => m.OwnerId == server.Account(Shop).Id && m.InGrid));

        var response = await server.GetAsync($"/{media.Id}?fields=ig_id,legacy_instagram_media_id&access_token={token}");

        AssertOk(response);
        Assert.Equal(DemoData.Id(media.Id), response.Json.GetProperty("ig_id").GetString());
        Assert.Equal(DemoData.Id(media.Id), response.Json.GetProperty("legacy_instagram_media_id").GetString());
    }

    [Theory]
    [InlineData("boost_ads_list")]
    [InlineData("product_tags")]
    [InlineData("collaborators")]
    public async Task Media_edges_of_later_features_say_they_are_not_available_yet(string edge)
    {
        var token = await server.FacebookTokenAsync();
        var media = server.Read(db => db.Media.First(m => m.OwnerId == server.Account(Shop).Id && m.InGrid)).Id;

        var asPath = await server.GetAsync($"/{media}/{edge}?access_token={token}");
        var asField = await server.GetAsync($"/{media}?fields={edge}&access_token={token}");

        foreach (var response in new[] { asPath, asField })
        {
            GraphAssert.Error(response, 400, 3);
            Assert.Contains("not available yet", response.ErrorMessage, StringComparison.Ordinal);
        }
    }
}
