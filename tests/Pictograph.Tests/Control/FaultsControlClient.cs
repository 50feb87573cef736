using System.Text;
using System.Text.Json;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>Calls of the control API (faults, rate limits, the inspector) as a test suite would make them.</summary>
public static class FaultsControlClient
{
    public static async Task<GraphResponse> SendJsonAsync(this PictographServer server, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await server.SendAsync(request);
    }

    public static async Task<JsonElement> AddFaultAsync(this PictographServer server, string rule)
    {
        var added = await server.SendJsonAsync(HttpMethod.Post, "/_pictograph/faults", rule);
        Assert.True(added.Status == 201, added.Body);
        return added.Json;
    }

    public static async Task<JsonElement> FaultsAsync(this PictographServer server)
    {
        var list = await server.GetAsync("/_pictograph/faults");
        Assert.True(list.Status == 200, list.Body);
        return list.Json.GetProperty("data");
    }

    /// <summary>The inspector's kept requests for a query (e.g. <c>path=/v25.0/me</c>), oldest first.</summary>
    public static async Task<List<JsonElement>> InspectedAsync(this PictographServer server, string query = "")
    {
        var list = await server.GetAsync("/_pictograph/requests" + (query.Length == 0 ? "" : "?" + query));
        Assert.True(list.Status == 200, list.Body);
        return [.. list.Json.GetProperty("data").EnumerateArray()];
    }

    /// <summary>Waits (polling, as a client would) until a rule has been hit so often, e.g. a latency rule's request is held in it.</summary>
    public static async Task WaitForHitsAsync(this PictographServer server, string id, int hits)
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var rule = (await server.FaultsAsync()).EnumerateArray().SingleOrDefault(r => r.GetProperty("id").GetString() == id);
            if (rule.ValueKind == JsonValueKind.Object && rule.GetProperty("hits").GetInt32() >= hits)
            {
                return;
            }

            await Task.Delay(5);
        }

        Assert.Fail($"The rule {id} never reached {hits} hits.");
    }
}
