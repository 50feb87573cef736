using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Schema;
using Pictograph.Nodes;
using Pictograph.Tests.Business;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using Xunit.Abstractions;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Security;

/// <summary>
/// Abuse cases generated from the schema, not listed by hand: every field, edge and method of every spec type,
/// asked with an expired token, a revoked one, one without the permission, of another account's node, and with a
/// token of the other flavours. Each must get the Graph error the case calls for, and none a 500.
/// </summary>
public sealed class AbuseMatrixTests(PictographServer server, ITestOutputHelper output) : IClassFixture<PictographServer>
{
    private const string FacebookAll = FacebookScopes
        + ",instagram_manage_comments,instagram_manage_insights,instagram_content_publish,catalog_management,pages_read_engagement";

    private const string InstagramLoginAll =
        "instagram_business_basic,instagram_business_manage_comments,instagram_business_manage_insights,instagram_business_content_publish,instagram_business_manage_messages";

    private static readonly InstagramSchema Schema = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in Schema.SpecTypes)
        {
            foreach (var abuse in new[] { "expired", "revoked", "no-permission", "other-account", "wrong-flavour" })
            {
                data.Add(spec.Spec, abuse);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_target_gets_the_right_error(string spec, string abuse)
    {
        var mapping = Schema.SpecTypes.Single(t => t.Spec == spec);
        var targets = Targets(mapping.Type).ToList();
        var failures = new List<string>();
        var cases = 0;
        var (own, ownToken, flavour) = await NodeOfAsync(spec);
        switch (abuse)
        {
            case "expired":
            case "revoked":
                foreach (var target in targets)
                {
                    var token = await SpoiledTokenAsync(flavour, abuse);
                    cases++;
                    Check(failures, target, await SendAsync(target, own, token), 400, abuse == "expired" ? [190] : [190], abuse == "expired" ? 463 : null);
                }

                break;
            case "no-permission":
                var minimal = await MinimalTokenAsync(flavour);
                var granted = MinimalScopes(flavour);
                // Each list is "any of": the type's, then the field's or operation's own.
                foreach (var target in targets.Where(t => Denied(t.TypePermissions, granted) || Denied(t.Permissions, granted)))
                {
                    cases++;
                    Check(failures, target, await SendAsync(target, own, minimal), null, [10, 200], null);
                }

                break;
            case "other-account":
                if (await OtherNodeAsync(spec) is not { } other)
                {
                    output.WriteLine($"{spec}: nodes of this type are public (no owner to be kept from)");
                    break;
                }

                foreach (var target in targets)
                {
                    cases++;
                    Check(failures, target, await SendAsync(target, other, ownToken), 400, [100], 33);
                }

                break;
            case "wrong-flavour":
                foreach (var wrong in Enum.GetValues<TokenFlavour>().Where(f => f != flavour))
                {
                    var token = await AllScopesTokenAsync(wrong);
                    var type = Schema.Resolve(KindOf(spec), new TokenInfo(server.Demo.AppId, 1, wrong, TokenKind.LongLived, FrozenSet<string>.Empty, 0, long.MaxValue));
                    foreach (var target in targets)
                    {
                        var exists = type is not null && Exists(type, target);
                        // The same name in the other API is a real call of that API: only its reads are safe to make here.
                        if (exists && target.Method != "GET")
                        {
                            continue;
                        }

                        cases++;
                        var response = await SendAsync(target, own, token);
                        if (!exists)
                        {
                            Check(failures, target, response, 400, [100], null, $"with a {wrong} token");
                        }
                        else if (response.Status >= 500 || (response.Status != 200 && !IsEnvelope(response)))
                        {
                            failures.Add($"{target} with a {wrong} token: {response.Status} {Excerpt(response.Body)}");
                        }
                    }
                }

                break;
        }

        output.WriteLine($"{spec} {abuse}: {cases} cases over {targets.Count} targets");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures));
    }

    /// <summary>A field, a GET edge or an operation of a node type, with the permissions the schema says it needs.</summary>
    private sealed record Target(string Method, string? Edge, string? Field, IReadOnlyList<string> TypePermissions, IReadOnlyList<string> Permissions)
    {
        public override string ToString() => Field is not null ? $"GET ?fields={Field}" : $"{Method} /{Edge}";
    }

    private static IEnumerable<Target> Targets(NodeType type)
    {
        foreach (var field in type.Fields)
        {
            yield return new Target("GET", null, field.Name, type.RequiredPermissions, field.RequiredPermissions);
        }

        foreach (var operation in type.Operations)
        {
            yield return new Target(operation.Method, operation.Edge, null, type.RequiredPermissions, operation.RequiredPermissions);
        }
    }

    private static bool Denied(IReadOnlyList<string> anyOf, FrozenSet<string> granted) => anyOf.Count > 0 && !anyOf.Any(granted.Contains);

    private static bool Exists(NodeType type, Target target) =>
        target.Field is { } field
            ? type.TryGetField(field, out _)
            : type.Operations.Any(o => o.Method == target.Method && o.Edge == target.Edge) || (target.Method == "GET" && target.Edge is { } edge && type.TryGetField(edge, out _));

    private async Task<GraphResponse> SendAsync(Target target, long node, string token)
    {
        var path = target.Edge is null ? $"/{node}" : $"/{node}/{target.Edge}";
        if (target.Field is { } field)
        {
            return await server.GetAsync($"{path}?fields={field}&access_token={token}");
        }

        using var request = new HttpRequestMessage(new HttpMethod(target.Method), $"{path}?access_token={token}");
        if (target.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await server.SendAsync(request);
    }

    private static void Check(List<string> failures, Target target, GraphResponse response, int? status, int[] codes, int? subcode, string? how = null)
    {
        var what = how is null ? target.ToString() : $"{target} {how}";
        if (!IsEnvelope(response))
        {
            failures.Add($"{what}: {response.Status} without the error envelope: {Excerpt(response.Body)}");
            return;
        }

        if ((status is { } expected && response.Status != expected) || response.Status is < 400 or >= 500
            || !codes.Contains(response.ErrorCode) || (subcode is not null && response.ErrorSubcode != subcode))
        {
            failures.Add($"{what}: {response.Status} ({response.ErrorCode}/{response.ErrorSubcode}) {response.ErrorMessage}");
        }
    }

    private static bool IsEnvelope(GraphResponse response)
    {
        try
        {
            return response.Json.TryGetProperty("error", out var error) && error.TryGetProperty("code", out _) && error.TryGetProperty("message", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200];

    private static NodeKind KindOf(string spec) => spec switch
    {
        "IGUser" or "IGUserForIGOnlyAPI" => NodeKind.Account,
        "IGMedia" or "IGMediaForIGOnlyAPI" => NodeKind.Media,
        "IGComment" => NodeKind.Comment,
        "ShadowIGHashtag" => NodeKind.Hashtag,
        "ShadowIGMediaBuilder" => NodeKind.Container,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No node kind for this spec type."),
    };

    private static FrozenSet<string> MinimalScopes(TokenFlavour flavour) => (flavour switch
    {
        TokenFlavour.Facebook => "public_profile,pages_show_list,instagram_basic",
        TokenFlavour.InstagramLogin => "instagram_business_basic",
        _ => "user_profile",
    }).Split(',').ToFrozenSet(StringComparer.Ordinal);

    private Task<string> MinimalTokenAsync(TokenFlavour flavour) => TokenAsync(flavour, string.Join(',', MinimalScopes(flavour)));

    private Task<string> AllScopesTokenAsync(TokenFlavour flavour) => TokenAsync(flavour, flavour switch
    {
        TokenFlavour.Facebook => FacebookAll,
        TokenFlavour.InstagramLogin => InstagramLoginAll,
        _ => "user_profile,user_media",
    });

    private Task<string> TokenAsync(TokenFlavour flavour, string scopes, TokenKind kind = TokenKind.LongLived) => flavour switch
    {
        TokenFlavour.Facebook => server.DeveloperTokenAsync(scopes, kind),
        _ => server.IssueTokenAsync(server.Account(Shop).Id, flavour, scopes, kind),
    };

    /// <summary>A token of every permission, then expired (its expiry set in the past) or revoked.</summary>
    private async Task<string> SpoiledTokenAsync(TokenFlavour flavour, string how)
    {
        var token = await AllScopesTokenAsync(flavour);
        var tokens = server.Services.GetRequiredService<TokenService>();
        if (how == "revoked")
        {
            await tokens.RevokeAsync(token);
        }
        else
        {
            var hash = TokenText.Hash(token);
            var past = server.Now() - 1;
            await server.WriteAsync(async db =>
            {
                var row = db.AccessTokens.Single(t => t.Hash == hash);
                row.ExpiresAt = past;
                await db.SaveChangesAsync();
            });
        }

        return token;
    }

    /// <summary>A real node of the spec's type that the token's person may use, the token, and its flavour.</summary>
    private async Task<(long Node, string Token, TokenFlavour Flavour)> NodeOfAsync(string spec)
    {
        var shop = server.Account(Shop).Id;
        var reel = server.AllMedia(Shop).First(m => m.MediaType == MediaType.Video && m.InGrid).Id;
        return spec switch
        {
            "IGUser" => (shop, await server.FacebookTokenAsync(FacebookAll), TokenFlavour.Facebook),
            "IGMedia" => (reel, await server.FacebookTokenAsync(FacebookAll), TokenFlavour.Facebook),
            "IGComment" => (server.Read(db => db.Comments.First(c => c.MediaId == reel && c.ParentId == null)).Id, await server.FacebookTokenAsync(FacebookAll), TokenFlavour.Facebook),
            "ShadowIGHashtag" => (server.Read(db => db.Hashtags.First(h => h.Name == "coffee")).Id, await server.FacebookTokenAsync(FacebookAll), TokenFlavour.Facebook),
            "ShadowIGMediaBuilder" => (await ContainerAsync(shop), await server.FacebookTokenAsync(FacebookAll), TokenFlavour.Facebook),
            "IGUserForIGOnlyAPI" => (shop, await server.InstagramLoginTokenAsync(Shop, InstagramLoginAll), TokenFlavour.InstagramLogin),
            "IGMediaForIGOnlyAPI" => (reel, await server.InstagramLoginTokenAsync(Shop, InstagramLoginAll), TokenFlavour.InstagramLogin),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "No node for this spec type."),
        };
    }

    /// <summary>A node of the same type belonging to an account the token's person has nothing to do with; null for public types.</summary>
    private async Task<long?> OtherNodeAsync(string spec)
    {
        var stranger = await server.AddAccountAsync($"stranger_{Guid.NewGuid().ToString("N")[..8]}", AccountType.Business);
        var media = await server.AddMediaAsync(stranger, caption: "not yours");
        return spec switch
        {
            "IGUser" or "IGUserForIGOnlyAPI" => stranger,
            "IGMedia" or "IGMediaForIGOnlyAPI" => media,
            "IGComment" => await server.AddCommentAsync(media, stranger, "not yours either"),
            "ShadowIGMediaBuilder" => await ContainerAsync(stranger),
            _ => null,
        };
    }

    private async Task<long> ContainerAsync(long owner)
    {
        var id = await server.NextIdAsync(NodeKind.Container);
        var media = await server.NextIdAsync(NodeKind.Media);
        await server.SeedAsync(db => db.Containers.Add(new MediaContainer
        {
            Id = id,
            OwnerId = owner,
            MediaId = media,
            AppId = server.Demo.AppId,
            Kind = ContainerKind.Image,
            ImageUrl = "https://example.com/photo.jpg",
            State = ContainerState.Finished,
            CreatedAt = server.Now(),
        }));
        return id;
    }
}
