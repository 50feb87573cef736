using System.Net.Http.Json;
using System.Text.Json;
using Pictograph.Control;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>Calls to the control API (<c>/_pictograph/…</c>) with JSON bodies.</summary>
public static class ControlCalls
{
    public static Task<GraphResponse> ControlGetAsync(this PictographServer server, string path, string? key = null) =>
        server.ControlAsync(HttpMethod.Get, path, null, key);

    public static Task<GraphResponse> ControlPostAsync(this PictographServer server, string path, object? body = null, string? key = null) =>
        server.ControlAsync(HttpMethod.Post, path, body ?? new { }, key);

    public static Task<GraphResponse> ControlPutAsync(this PictographServer server, string path, object body) =>
        server.ControlAsync(HttpMethod.Put, path, body);

    public static async Task<GraphResponse> ControlAsync(this PictographServer server, HttpMethod method, string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, ControlApi.Prefix + path);
        if (body is not null)
        {
            request.Content = body is byte[] bytes ? new ByteArrayContent(bytes) : JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        if (key is not null)
        {
            request.Headers.Add(ControlOptions.KeyHeader, key);
        }

        return await server.SendAsync(request);
    }

    /// <summary>Asserts a control API success and returns it.</summary>
    public static GraphResponse Ok(this GraphResponse response, int status = 200)
    {
        Assert.True(response.Status == status, $"{response.Status}: {response.Body}");
        return response;
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/>.</summary>
    public static JsonElement Problem(this GraphResponse response, int status)
    {
        Assert.True(response.Status == status, $"{response.Status}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("detail").GetString()));
        return response.Json;
    }
}
