using System.Text.Json;
using Pictograph.Data;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary>The spec's simple IG User and IG Media fields, legacy ids, and edges of later features answering "not available yet".</summary>
public sealed class LegacyAndNotYetFieldTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task IG_user_serves_its_legacy_and_status_fields()
    {
        var shop = server.Account(Shop);
        var token = await server.FacebookTokenAsync();

        var response = await server.GetAsync($"/{shop.Id}?fields=legacy_instagram_user_id,has_profile_pic,is_published&access_token={token}");

        AssertOk(response);
        Assert.Equal(DemoData.Id(NodeIds.Legacy(shop.Id)), response.Json.GetProperty("legacy_instagram_user_id").GetString());
        Assert.Equal(shop.ProfilePictureKey is not null, response.Json.GetProperty("has_profile_pic").GetBoolean());
        Assert.True(response.Json.GetProperty("is_published").GetBoolean());
    }

    [Fact]
    public async Task IG_user_ig_id_is_a_small_json_number_of_its_own_that_javascript_reads_exactly()
    {
        var token = await server.FacebookTokenAsync();
        var ids = new[] { server.Account(Shop).Id, server.Account(Creator).Id };

        var answers = new List<long>();
        foreach (var id in ids)
        {
            var response = await server.GetAsync($"/{id}?fields=ig_id,legacy_instagram_user_id&access_token={token}");
            AssertOk(response);
            var igId = response.Json.GetProperty("ig_id");
            Assert.Equal(JsonValueKind.Number, igId.ValueKind);
            // A double (what JavaScript's JSON.parse makes of it) holds it exactly: below 2^53.
            Assert.Equal(igId.GetInt64(), (long)igId.GetDouble());
            Assert.InRange(igId.GetInt64(), 1, (1L << 53) - 1);
            Assert.NotEqual(id, igId.GetInt64());
            Assert.Equal(DemoData.Id(igId.GetInt64()), response.Json.GetProperty("legacy_instagram_user_id").GetString());
            answers.Add(igId.GetInt64());
        }

        Assert.Equal(answers.Count, answers.Distinct().Count());
    }

    [Fact]
    public async Task Business_discovery_ig_id_is_the_same_legacy_number()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;
        var creator = server.Account(Creator).Id;

        var response = await server.GetAsync($"/{shop}?fields=business_discovery.username({Creator}){{ig_id}}&access_token={token}");

        AssertOk(response);
        Assert.Equal(NodeIds.Legacy(creator), response.Json.GetProperty("business_discovery").GetProperty("ig_id").GetInt64());
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
    public async Task IG_media_and_comments_serve_legacy_ids_of_their_own_as_strings()
    {
        var token = await server.FacebookTokenAsync();
        var media = server.Read(db => db.Media.First(m => m.OwnerId == server.Account(Shop).Id && m.InGrid));
        var comment = server.Read(db => db.Comments.First(c => c.MediaId == media.Id));

        var mediaAnswer = await server.GetAsync($"/{media.Id}?fields=ig_id,legacy_instagram_media_id&access_token={token}");
        var commentAnswer = await server.GetAsync($"/{comment.Id}?fields=legacy_instagram_comment_id&access_token={token}");

        AssertOk(mediaAnswer);
        AssertOk(commentAnswer);
        Assert.Equal(DemoData.Id(NodeIds.Legacy(media.Id)), mediaAnswer.Json.GetProperty("ig_id").GetString());
        Assert.Equal(DemoData.Id(NodeIds.Legacy(media.Id)), mediaAnswer.Json.GetProperty("legacy_instagram_media_id").GetString());
        Assert.Equal(DemoData.Id(NodeIds.Legacy(comment.Id)), commentAnswer.Json.GetProperty("legacy_instagram_comment_id").GetString());
        Assert.NotEqual(NodeIds.Legacy(media.Id), NodeIds.Legacy(comment.Id));
    }

    [Theory]
    [InlineData("boost_ads_list")]
    [InlineData("branded_content_partner_promote")]
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

    [Theory]
    [InlineData("partnership_ad_code")]
    [InlineData("branded_content_partner_promote")]
    public async Task Writes_and_deletes_on_media_edges_of_later_features_say_they_are_not_available_yet(string edge)
    {
        var token = await server.FacebookTokenAsync();
        var media = server.Read(db => db.Media.First(m => m.OwnerId == server.Account(Shop).Id && m.InGrid)).Id;

        var posted = await SendAsync(HttpMethod.Post, $"/{media}/{edge}?access_token={token}");
        var deleted = await SendAsync(HttpMethod.Delete, $"/{media}/{edge}?access_token={token}");

        foreach (var response in new[] { posted, deleted })
        {
            GraphAssert.Error(response, 400, 3);
            Assert.Contains($"{edge} on node type (IGMedia) is not available yet", response.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Delete_on_a_user_edge_not_available_yet_answers_3_as_get_and_post_do()
    {
        var token = await server.FacebookTokenAsync();
        var shop = server.Account(Shop).Id;

        var responses = new[]
        {
            await server.GetAsync($"/{shop}/branded_content_tag_approval?access_token={token}"),
            await SendAsync(HttpMethod.Post, $"/{shop}/branded_content_tag_approval?access_token={token}"),
            await SendAsync(HttpMethod.Delete, $"/{shop}/branded_content_tag_approval?access_token={token}"),
        };

        foreach (var response in responses)
        {
            GraphAssert.Error(response, 400, 3);
        }
    }

    private async Task<GraphResponse> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        return await server.SendAsync(request);
    }
}
