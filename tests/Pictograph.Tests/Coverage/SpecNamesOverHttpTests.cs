using Pictograph.Coverage;
using Pictograph.Data;
using Pictograph.Nodes;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Coverage;

/// <summary>
/// Every field and GET edge of the seven specs, asked of a real node of its type over HTTP: never a <c>(#100)</c>
/// "nonexisting field"; a value where the coverage table says served, <c>(#3)</c> where it says not yet.
/// </summary>
public sealed class SpecNamesOverHttpTests(PictographServer server) : IClassFixture<PictographServer>
{
    private const string FacebookAll = FacebookScopes
        + ",instagram_manage_comments,instagram_manage_insights,instagram_content_publish,catalog_management,pages_read_engagement";

    private const string InstagramLoginAll =
        "instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights,instagram_business_content_publish,instagram_business_manage_messages";

    public static TheoryData<string> SpecTypes => new(new InstagramSchema().SpecTypes.Select(t => t.Spec));

    [Theory]
    [MemberData(nameof(SpecTypes))]
    public async Task Every_spec_field_answers_a_value_or_not_available_yet(string spec)
    {
        var (node, token) = await NodeOfAsync(spec);
        var coverage = Coverage(spec);

        foreach (var field in coverage.Fields)
        {
            var response = await server.GetAsync($"/{node}?fields={await SelectionAsync(field.Name!)}&access_token={token}");

            Expect(response, field, $"{spec}.{field.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(SpecTypes))]
    public async Task Every_spec_get_edge_answers_a_page_or_not_available_yet(string spec)
    {
        var (node, token) = await NodeOfAsync(spec);
        var shop = server.Account(Shop).Id;
        var coverage = Coverage(spec);

        foreach (var edge in coverage.Edges.Where(e => e is { Method: "GET", Name: not null }))
        {
            // What the edges need: hashtag media a user_id, insights a metric (and a period for accounts).
            var parameters = edge.Name == "insights" ? (spec.Contains("Media", StringComparison.Ordinal) ? "metric=reach" : "metric=reach&period=day") : $"user_id={shop}";
            var response = await server.GetAsync($"/{node}/{edge.Name}?{parameters}&access_token={token}");

            Expect(response, edge, $"{spec} GET {edge.Name}");
        }
    }

    [Fact]
    public async Task The_spec_s_mediapublish_spelling_reaches_media_publish()
    {
        var token = await server.InstagramLoginTokenAsync(Shop, InstagramLoginAll);
        var container = await ContainerAsync(server.Account(Shop).Id, ContainerState.InProgress);

        var spec = await server.PostFormAsync("/me/mediapublish", ("access_token", token), ("creation_id", DemoData.Id(container)));
        var documented = await server.PostFormAsync("/me/media_publish", ("access_token", token), ("creation_id", DemoData.Id(container)));

        var error = GraphAssert.Error(spec, documented.Status, documented.ErrorCode, documented.ErrorSubcode);
        Assert.Contains("not ready for publishing", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(documented.ErrorMessage, spec.ErrorMessage);
    }

    private static TypeCoverage Coverage(string spec) =>
        CoverageReport.Build(new InstagramSchema(), SpecCheckout.Specs).Single(t => t.Mapping.Spec == spec);

    private static void Expect(GraphResponse response, CoverageRow row, string what)
    {
        if (row.State == CoverageState.Missing)
        {
            // Only names work in progress elsewhere declares are missing (CoverageTableTests checks which).
            return;
        }

        Assert.False(response.Body.Contains("nonexisting field", StringComparison.Ordinal), $"{what}: {response.Body}");
        if (row.State == CoverageState.NotYet)
        {
            GraphAssert.Error(response, 400, 3);
        }
        else
        {
            Assert.True(response.Status == 200, $"{what}: {response.Body}");
        }
    }

    /// <summary>The field as a client asks for it: the parameterised ones with a parameter that finds something.</summary>
    private async Task<string> SelectionAsync(string field) => field switch
    {
        "business_discovery" => $"business_discovery.username({Creator}){{id}}",
        "mentioned_media" => $"mentioned_media.media_id({(await MentionOfShopAsync()).MediaId}){{id}}",
        "mentioned_comment" => $"mentioned_comment.comment_id({(await MentionOfShopAsync()).CommentId}){{id}}",
        _ => field,
    };

    /// <summary>A comment of the creator's that @-mentions the shop, on the creator's media.</summary>
    private async Task<Mention> MentionOfShopAsync()
    {
        var shop = server.Account(Shop).Id;
        if (server.Read(db => db.Mentions.FirstOrDefault(m => m.AccountId == shop && m.CommentId != null)) is { } known)
        {
            return known;
        }

        var creator = server.Account(Creator).Id;
        var media = await server.AddMediaAsync(creator, caption: $"@{Shop}");
        var comment = await server.AddCommentAsync(media, creator, $"@{Shop} thanks");
        var mention = new Mention { AccountId = shop, MediaId = media, CommentId = comment, CreatedAt = server.Now() };
        await server.SeedAsync(db =>
        {
            db.Mentions.Add(new Mention { AccountId = shop, MediaId = media, CreatedAt = server.Now() });
            db.Mentions.Add(mention);
        });
        return mention;
    }

    /// <summary>A real node of the spec's type, and a token with every permission of its API.</summary>
    private async Task<(long Node, string Token)> NodeOfAsync(string spec)
    {
        var shop = server.Account(Shop).Id;
        var reel = server.AllMedia(Shop).First(m => m.MediaType == MediaType.Video && m.InGrid).Id;
        return spec switch
        {
            "IGUser" => (shop, await server.FacebookTokenAsync(FacebookAll)),
            "IGMedia" => (reel, await server.FacebookTokenAsync(FacebookAll)),
            "IGComment" => (server.Read(db => db.Comments.First(c => c.MediaId == reel && c.ParentId == null)).Id, await server.FacebookTokenAsync(FacebookAll)),
            "ShadowIGHashtag" => (server.Read(db => db.Hashtags.First(h => h.Name == "coffee")).Id, await server.FacebookTokenAsync(FacebookAll)),
            "ShadowIGMediaBuilder" => (await ContainerAsync(shop), await server.FacebookTokenAsync(FacebookAll)),
            "IGUserForIGOnlyAPI" => (shop, await server.InstagramLoginTokenAsync(Shop, InstagramLoginAll)),
            "IGMediaForIGOnlyAPI" => (reel, await server.InstagramLoginTokenAsync(Shop, InstagramLoginAll)),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No node for this spec type."),
        };
    }

    private async Task<long> ContainerAsync(long owner, ContainerState state = ContainerState.Finished)
    {
        var id = await server.NextIdAsync(NodeKind.Container);
        var media = await server.NextIdAsync(NodeKind.Media);
        await server.SeedAsync(db => db.Containers.Add(new MediaContainer
        {
            Id = id,
            OwnerId = owner,
            MediaId = media,
            AppId = server.Demo.AppId,
            Kind = ContainerKind.Reels,
            VideoUrl = "https://example.com/reel.mp4",
            State = state,
            CreatedAt = server.Now(),
        }));
        return id;
    }
}
