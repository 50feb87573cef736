using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Pictograph.Data;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

/// <summary>Where the access token may come from, and the code-190 family when it is wrong.</summary>
[Collection(ServerCollection.Name)]
public sealed class TokenTests(PictographServer server)
{
    private string Token => server.Demo.Token;

    private string JaneId => DemoData.Id(server.Demo.AccountId);

    private static string UnknownToken() => "IGQVJ" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private void AssertJane(GraphResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(JaneId, response.Json.GetProperty("id").GetString());
        Assert.Equal("jane.doe", response.Json.GetProperty("username").GetString());
    }

    [Fact]
    public async Task Token_in_the_query()
    {
        AssertJane(await server.GetAsync($"/me?fields=id,username&access_token={Token}"));
    }

    [Fact]
    public async Task Token_in_a_form_body_of_a_get()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me?fields=id,username")
        {
            Content = new FormUrlEncodedContent([new("access_token", Token)]),
        };

        AssertJane(await server.SendAsync(request));
    }

    [Fact]
    public async Task Token_and_fields_in_a_json_body_of_a_get()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me")
        {
            Content = new StringContent($$"""{"access_token": "{{Token}}", "fields": "id,username"}""", Encoding.UTF8, "application/json"),
        };

        AssertJane(await server.SendAsync(request));
    }

    [Fact]
    public async Task Empty_json_body_with_the_token_in_the_query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/me?fields=id,username&access_token={Token}")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        AssertJane(await server.SendAsync(request));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("OAuth")]
    public async Task Token_in_the_authorization_header(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me?fields=id,username");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, Token);

        AssertJane(await server.SendAsync(request));
    }

    [Theory]
    [InlineData("/me", 2500, "An active access token must be used to query information about the current user.")]
    [InlineData("/v21.0/me/media", 2500, "An active access token must be used to query information about the current user.")]
    [InlineData("/{jane}", 104, "An access token is required to request this resource.")]
    public async Task Missing_token_is_a_2500_on_me_and_a_104_elsewhere(string path, int code, string message)
    {
        var response = await server.GetAsync(path.Replace("{jane}", JaneId, StringComparison.Ordinal) + "?fields=id");

        GraphAssert.Error(response, 400, code, message: message);
        Assert.Null(response.ErrorSubcode);
    }

    [Fact]
    public async Task Empty_token_and_a_bearer_header_without_token_are_missing_tokens()
    {
        var empty = await server.GetAsync("/me?access_token=");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer");
        var bare = await server.SendAsync(request);

        GraphAssert.Error(empty, 400, 2500);
        GraphAssert.Error(bare, 400, 2500);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("IGQVJ")]
    [InlineData("IGQVJabc$def!ghi")]
    [InlineData("XYZ12345678901234567890")]
    [InlineData("IGQVJ 123456789")]
    public async Task Malformed_token_cannot_be_parsed(string token)
    {
        var response = await server.GetAsync($"/me?access_token={Uri.EscapeDataString(token)}");

        var error = GraphAssert.Error(response, 400, 190, message: "Invalid OAuth access token - Cannot parse access token");
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Contains("\"invalid_token\"", GraphAssert.Authenticate(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_token_cannot_be_parsed()
    {
        var response = await server.GetAsync($"/me?access_token=IGQVJ{new string('a', 600)}");

        GraphAssert.Error(response, 400, 190, message: "Invalid OAuth access token - Cannot parse access token");
    }

    [Fact]
    public async Task Unknown_well_formed_token_is_a_190()
    {
        var response = await server.GetAsync($"/me?access_token={UnknownToken()}");

        GraphAssert.Error(response, 400, 190);
        Assert.Null(response.ErrorSubcode);
    }

    [Fact]
    public async Task Unknown_token_in_a_bearer_header_is_a_190()
    {
        var response = await server.GetAsync("/me", bearer: UnknownToken());

        GraphAssert.Error(response, 400, 190);
    }

    [Fact]
    public async Task The_query_token_wins_over_the_header()
    {
        var response = await server.GetAsync($"/me?fields=id,username&access_token={Token}", bearer: UnknownToken());

        AssertJane(response);
    }

    [Fact]
    public async Task Short_lived_token_expires_after_an_hour_with_a_190_463()
    {
        await using var own = await OwnServer.StartAsync();
        var token = await own.Server.IssueTokenAsync("jane.doe", kind: TokenKind.ShortLived);
        var fresh = await own.Server.GetAsync($"/me?fields=id&access_token={token}");
        own.Server.Clock.Advance(TimeSpan.FromMinutes(59));
        var nearlyExpired = await own.Server.GetAsync($"/me?fields=id&access_token={token}");

        own.Server.Clock.Advance(TimeSpan.FromMinutes(1));
        var atExpiry = await own.Server.GetAsync($"/me?fields=id&access_token={token}");
        own.Server.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await own.Server.GetAsync($"/me?fields=id&access_token={token}");
        var expiredBearer = await own.Server.GetAsync("/me/media", bearer: token);
        var longLived = await own.Server.GetAsync($"/me?fields=id&access_token={own.Server.Demo.Token}");

        Assert.Equal(200, fresh.Status);
        Assert.Equal(200, nearlyExpired.Status);
        GraphAssert.Error(atExpiry, 400, 190, subcode: 463);
        var error = GraphAssert.Error(expired, 400, 190, subcode: 463);
        Assert.StartsWith("Error validating access token: Session has expired on ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"invalid_token\"", GraphAssert.Authenticate(expired), StringComparison.Ordinal);
        GraphAssert.Error(expiredBearer, 400, 190, subcode: 463);
        Assert.Equal(200, longLived.Status);
    }
}
