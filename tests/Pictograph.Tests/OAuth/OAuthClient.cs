using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.OAuth;

/// <summary>What an app does around the dialog: builds its URL, exchanges the code, inspects the token.</summary>
public static class OAuthClient
{
    public const string InstagramPath = "/oauth/authorize";
    public const string FacebookPath = "/dialog/oauth";

    public static string DialogUrl(long appId, string? scope, string? state = "s1", string path = InstagramPath, string redirectUri = DemoWorld.DemoRedirectUri, string? responseType = "code")
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = Id(appId),
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["response_type"] = responseType,
            ["state"] = state,
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }

    /// <summary>POST /oauth/access_token with an authorization code (the Instagram way: a form body).</summary>
    public static Task<GraphResponse> ExchangeCodeAsync(this PictographServer server, string code, long appId, string secret, string redirectUri = DemoWorld.DemoRedirectUri, string path = "/oauth/access_token") =>
        server.PostFormAsync(path, new()
        {
            ["client_id"] = Id(appId),
            ["client_secret"] = secret,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
        });

    public static Task<GraphResponse> ExchangeCodeAsync(this PictographServer server, string code) =>
        server.ExchangeCodeAsync(code, server.Demo.AppId, server.Demo.AppSecret);

    public static async Task<GraphResponse> PostFormAsync(this PictographServer server, string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return await server.SendAsync(request);
    }

    /// <summary>debug_token for a token, asked with the demo app's app token; returns its "data".</summary>
    public static async Task<JsonElement> DebugTokenAsync(this PictographServer server, string token)
    {
        var appToken = Uri.EscapeDataString($"{Id(server.Demo.AppId)}|{server.Demo.AppSecret}");
        var response = await server.GetAsync($"/debug_token?input_token={Uri.EscapeDataString(token)}&access_token={appToken}");
        Assert.True(response.Status == 200, response.Body);
        return response.Json.GetProperty("data");
    }

    /// <summary>The access token of a successful token response.</summary>
    public static string AccessToken(GraphResponse response)
    {
        Assert.True(response.Status == 200, $"HTTP {response.Status}: {response.Body}");
        return response.Json.GetProperty("access_token").GetString()!;
    }

    /// <summary>Instagram's own OAuth error shape: <c>{"error_type":"OAuthException","code":400,"error_message":…}</c>.</summary>
    public static string InstagramError(GraphResponse response)
    {
        Assert.True(response.Status == 400, $"Expected HTTP 400 but got {response.Status}: {response.Body}");
        Assert.Equal(["error_type", "code", "error_message"], GraphAssert.Names(response.Json));
        Assert.Equal("OAuthException", response.Json.GetProperty("error_type").GetString());
        Assert.Equal(400, response.Json.GetProperty("code").GetInt32());
        return response.Json.GetProperty("error_message").GetString()!;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
