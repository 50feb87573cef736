using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pictograph.Testing;

/// <summary>
/// The control API (<c>/_pictograph/…</c>) as methods. Each throws <see cref="PictographControlException"/>
/// with the server's problem details when the call is refused.
/// </summary>
public sealed class PictographControl(HttpClient http)
{
    private const string Prefix = "/_pictograph";

    /// <summary>Back to the state right after the fixture (or the demo world) was loaded, or to an empty world.</summary>
    public Task ResetAsync(bool toEmpty = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/reset", new JsonObject { ["to"] = toEmpty ? "empty" : "fixture" }, cancellationToken);

    public Task<ClockState> GetClockAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<ClockState>(HttpMethod.Get, "/clock", null, cancellationToken);

    /// <summary>Sets the server's time; frozen, it stays there until set or advanced again.</summary>
    public Task<ClockState> SetClockAsync(DateTimeOffset now, bool frozen = false, CancellationToken cancellationToken = default) =>
        ReadAsync<ClockState>(HttpMethod.Put, "/clock", new JsonObject { ["time"] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), ["frozen"] = frozen }, cancellationToken);

    public Task<ClockState> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        ReadAsync<ClockState>(HttpMethod.Post, "/clock/advance", new JsonObject { ["by"] = by.TotalSeconds }, cancellationToken);

    /// <summary>Moves the time forward by a span as the server writes them: "90s", "2h", "3d", "1w", "PT1H".</summary>
    public Task<ClockState> AdvanceClockAsync(string by, CancellationToken cancellationToken = default) =>
        ReadAsync<ClockState>(HttpMethod.Post, "/clock/advance", new JsonObject { ["by"] = by }, cancellationToken);

    /// <summary>Back to real time.</summary>
    public Task<ClockState> ResetClockAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<ClockState>(HttpMethod.Delete, "/clock", null, cancellationToken);

    /// <summary>Keeps the current state (database and media) as a snapshot by that name.</summary>
    public Task SaveSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/snapshots", new JsonObject { ["name"] = name }, cancellationToken);

    public Task RestoreSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/snapshots/{Uri.EscapeDataString(name)}/restore", null, cancellationToken);

    public Task<JsonElement> ListSnapshotsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<JsonElement>(HttpMethod.Get, "/snapshots", null, cancellationToken);

    public Task DeleteSnapshotAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/snapshots/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>A kept snapshot's archive (zip); with no name, the current state's.</summary>
    public async Task<byte[]> DownloadSnapshotAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, name is null ? "/snapshot" : $"/snapshots/{Uri.EscapeDataString(name)}", null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps an archive (from <see cref="DownloadSnapshotAsync"/>) as a snapshot by that name.</summary>
    public async Task UploadSnapshotAsync(string name, byte[] archive, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new("application/zip");
        using var response = await SendRawAsync(HttpMethod.Put, $"/snapshots/{Uri.EscapeDataString(name)}", content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a fault rule (an object with match, error or drop, latency, probability, times, serialised as given); returns the rule as kept.</summary>
    public Task<JsonElement> AddFaultAsync(object rule, CancellationToken cancellationToken = default) =>
        ReadAsync<JsonElement>(HttpMethod.Post, "/faults", JsonSerializer.SerializeToNode(rule), cancellationToken);

    public Task<JsonElement> ListFaultsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<JsonElement>(HttpMethod.Get, "/faults", null, cancellationToken);

    public Task RemoveFaultAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"/faults/{Uri.EscapeDataString(id)}", null, cancellationToken);

    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "/faults", null, cancellationToken);

    /// <summary>How media containers finish: "immediate", "delayed" (by <paramref name="delay"/>, e.g. "5s") or "manual".</summary>
    public Task SetProcessingAsync(string mode, string? delay = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["mode"] = mode };
        if (delay is not null)
        {
            body["delay"] = delay;
        }

        return SendAsync(HttpMethod.Put, "/processing", body, cancellationToken);
    }

    /// <summary>In manual mode, finishes a container ("FINISHED") or fails it ("ERROR" with a subcode such as 2207052).</summary>
    public Task AdvanceContainerAsync(string containerId, string status, int? errorSubcode = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["status"] = status };
        if (errorSubcode is { } subcode)
        {
            body["error_subcode"] = subcode;
        }

        return SendAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(containerId)}/advance", body, cancellationToken);
    }

    /// <summary>The loaded fixture's apps, accounts and tokens; null when the server has no fixture route.</summary>
    public async Task<FixtureInfo?> GetFixtureAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(Prefix + "/fixture", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<FixtureInfo>(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent.Create(body);
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent.Create(body);
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Prefix + path, UriKind.Relative)) { Content = content };
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? title = null, detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not problem details (e.g. a proxy's page): the body is kept as it is.
        }

        throw new PictographControlException(response.StatusCode, title, detail, body);
    }
}
