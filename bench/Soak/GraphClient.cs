using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pictograph.Bench.Soak;

/// <summary>
/// Sends one Graph request, times it and records it by kind: an answer with a status other than the expected one,
/// or a connection error, is an error.
/// </summary>
internal sealed class GraphClient(HttpClient http, Stats stats)
{
    public async Task<JsonElement?> SendAsync(
        string kind, HttpMethod method, string pathAndQuery, string? token,
        IEnumerable<KeyValuePair<string, string>>? form = null, int expected = 200, bool computed = false)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (computed)
        {
            // Reads the answer from the database and renders it again instead of answering it from memory.
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode != expected)
            {
                var text = System.Text.Encoding.UTF8.GetString(body);
                stats.Record(kind, elapsed, $"{(int)response.StatusCode} {method} {pathAndQuery}: {text[..Math.Min(300, text.Length)]}");
                return null;
            }

            stats.Record(kind, elapsed, null);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            stats.Record(kind, clock.Elapsed.TotalMilliseconds, $"{e.GetType().Name} {method} {pathAndQuery}: {e.Message}");
            return null;
        }
    }
}
