using System.Net.Http.Headers;
using System.Text.Json;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Control;

/// <summary>The inspector through the control API: what it keeps (tokens masked), its filters, its bound and its live tail.</summary>
public sealed class InspectorTests
{
    [Fact]
    public async Task Requests_are_kept_with_their_caller_status_and_error_and_tokens_masked()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var token = server.Demo.Token;
        Assert.Equal(200, (await server.GetAsync($"/v25.0/me?fields=id,username&access_token={token}")).Status);
        Assert.Equal(200, (await server.GetAsync("/v25.0/me?fields=id", bearer: token)).Status);
        Assert.Equal(400, (await server.GetAsync("/v25.0/me?fields=id&access_token=IGQVJnot-a-real-token-at-all")).Status);

        var list = await server.GetAsync("/_pictograph/requests");
        Assert.DoesNotContain(token, list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..^4], list.Body, StringComparison.Ordinal);
        var kept = list.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, kept.Count);
        var masked = $"{token[..4]}…{token[^4..]}";

        var first = kept[0];
        Assert.Equal("GET", first.GetProperty("method").GetString());
        Assert.Equal($"/v25.0/me?fields=id,username&access_token={masked}", first.GetProperty("path").GetString());
        Assert.Equal(server.BaseAddress.Authority, first.GetProperty("host").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal(DemoData.Id(server.Demo.AppId), first.GetProperty("app_id").GetString());
        Assert.Equal(DemoData.Id(server.Demo.AccountId), first.GetProperty("user_id").GetString());
        Assert.Equal(masked, first.GetProperty("token").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("error_code").ValueKind);
        Assert.Equal(PictographServer.Start, first.GetProperty("time").GetDateTimeOffset());

        // A token in the Authorization header is never kept; the caller is still known.
        Assert.Equal("/v25.0/me?fields=id", kept[1].GetProperty("path").GetString());
        Assert.Equal(masked, kept[1].GetProperty("token").GetString());

        Assert.Equal(190, kept[2].GetProperty("error_code").GetInt32());
        Assert.Equal(400, kept[2].GetProperty("status").GetInt32());
        Assert.EndsWith("access_token=IGQV…-all", kept[2].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], kept.Select(k => k.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Filters_narrow_by_app_status_path_and_sequence()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        var me = $"/v25.0/me?fields=id&access_token={server.Demo.Token}";
        await server.GetAsync(me);
        await server.GetAsync($"/v25.0/me/media?access_token={server.Demo.Token}");
        await server.GetAsync("/v25.0/me?fields=id");
        await server.GetAsync(me);

        Assert.Equal(3, (await server.InspectedAsync($"app_id={server.Demo.AppId}")).Count);
        Assert.Empty(await server.InspectedAsync("app_id=1"));
        Assert.Equal(2500, Assert.Single(await server.InspectedAsync("status=4xx")).GetProperty("error_code").GetInt32());
        Assert.Equal(3, (await server.InspectedAsync("status=200")).Count);
        Assert.Single(await server.InspectedAsync("path=/v25.0/me/media"));
        Assert.Equal([3L, 4L], (await server.InspectedAsync("after=2")).Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal([4L], (await server.InspectedAsync("limit=1")).Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal([2L], (await server.InspectedAsync("after=1&limit=1")).Select(r => r.GetProperty("sequence").GetInt64()));

        var bad = await server.GetAsync("/_pictograph/requests?status=abc&limit=0");
        Assert.Equal(400, bad.Status);
        Assert.StartsWith("application/problem+json", bad.ContentType, StringComparison.Ordinal);
        // The control API's own calls are never kept.
        Assert.Equal(4, (await server.InspectedAsync()).Count);
    }

    [Fact]
    public async Task The_ring_keeps_only_the_newest_requests_of_its_size()
    {
        await using var own = await OwnServer.StartAsync("--Pictograph:Control:InspectorRequests=5");
        var server = own.Server;
        for (var call = 1; call <= 8; call++)
        {
            await server.GetAsync($"/v25.0/me?fields=id&call={call}&access_token={server.Demo.Token}");
        }

        var list = await server.GetAsync("/_pictograph/requests?limit=1000");
        Assert.Equal(5, list.Json.GetProperty("capacity").GetInt32());
        Assert.Equal(8, list.Json.GetProperty("last_sequence").GetInt64());
        Assert.Equal([4L, 5L, 6L, 7L, 8L], list.Json.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal([4L, 5L, 6L, 7L, 8L], (await server.InspectedAsync("after=1")).Select(r => r.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task The_live_tail_sends_each_new_request_as_a_server_sent_event()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        await server.GetAsync($"/v25.0/me?fields=id&before=1&access_token={server.Demo.Token}");
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_pictograph/requests/tail?path=/v25.0/me");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var tail = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hang.Token);
        Assert.Equal("text/event-stream", tail.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await tail.Content.ReadAsStreamAsync(hang.Token));

        await server.GetAsync($"/v25.0/other?access_token={server.Demo.Token}");
        await server.GetAsync($"/v25.0/me?fields=id&after=1&access_token={server.Demo.Token}");
        var lines = new List<string>();
        // One event: its lines up to the blank line that ends it.
        while (lines.Count == 0 || lines[^1].Length > 0)
        {
            lines.Add(await reader.ReadLineAsync(hang.Token) ?? throw new InvalidOperationException("The tail ended."));
        }

        Assert.Contains("event: request", lines);
        Assert.Contains("id: 3", lines);
        var data = JsonDocument.Parse(lines.Single(l => l.StartsWith("data:", StringComparison.Ordinal))["data:".Length..]).RootElement;
        Assert.StartsWith("/v25.0/me?fields=id&after=1", data.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, data.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_tail_replays_the_kept_requests_after_a_sequence_first()
    {
        await using var own = await OwnServer.StartAsync();
        var server = own.Server;
        await server.GetAsync("/v25.0/me?one");
        await server.GetAsync("/v25.0/me?two");
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_pictograph/requests/tail");
        request.Headers.Add("Last-Event-ID", "1");
        using var tail = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hang.Token);
        using var reader = new StreamReader(await tail.Content.ReadAsStreamAsync(hang.Token));
        await server.GetAsync("/v25.0/me?three");
        var ids = new List<string>();
        while (ids.Count < 2)
        {
            var line = await reader.ReadLineAsync(hang.Token) ?? throw new InvalidOperationException("The tail ended.");
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(line[4..]);
            }
        }

        Assert.Equal(["2", "3"], ids);
    }
}
