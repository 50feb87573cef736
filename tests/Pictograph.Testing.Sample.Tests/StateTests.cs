using System.Net.Http.Json;
using System.Text.Json;
using Pictograph.Testing;
using Xunit;

namespace MyApp.Tests;

/// <summary>A fixture of the test's own, reset between steps, with a snapshot and a fault.</summary>
public sealed class StateTests : IAsyncLifetime
{
    private const string Fixture = """
        name: sample
        apps:
          - key: app
            name: Sample App
        accounts:
          - key: shop
            username: sample_shop
            type: business
        media:
          - key: first
            owner: shop
            type: image
            caption: The first post
            created: -1d
        tokens:
          - key: shop
            app: app
            user: shop
            flavour: instagram_login
            value: IGAAsampleShopToken000000000000000001
            scopes: [instagram_business_basic]
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("pictograph-sample-").FullName;
    private PictographHost _server = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "sample.yaml");
        await File.WriteAllTextAsync(path, Fixture);
        _server = await PictographHost.StartAsync(new PictographHostOptions { FixturePath = path });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_fixture_s_token_works_and_a_reset_undoes_a_snapshot_s_restore()
    {
        var token = _server.Tokens["shop"];
        using var http = _server.CreateClient();
        var before = await http.GetStringAsync($"me/media?fields=id,caption&access_token={token}");
        Assert.Contains("The first post", before, StringComparison.Ordinal);

        await _server.Control.SaveSnapshotAsync("start");
        await _server.Control.ResetAsync(toEmpty: true);
        var emptied = await http.GetAsync($"me/media?access_token={token}");
        Assert.False(emptied.IsSuccessStatusCode);

        await _server.Control.RestoreSnapshotAsync("start");
        Assert.Equal(before, await http.GetStringAsync($"me/media?fields=id,caption&access_token={token}"));
    }

    [Fact]
    public async Task A_fault_answers_once_then_the_real_answer_comes_back()
    {
        var token = _server.Tokens["shop"];
        using var http = _server.CreateClient();
        await _server.Control.AddFaultAsync(new { match = new { path = "/me" }, error = new { code = 2, status = 503, is_transient = true }, times = 1 });

        var faulted = await http.GetAsync($"me?fields=id&access_token={token}");
        var next = await http.GetFromJsonAsync<JsonElement>($"me?fields=id&access_token={token}");

        Assert.Equal(503, (int)faulted.StatusCode);
        Assert.True((await faulted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("is_transient").GetBoolean());
        Assert.False(string.IsNullOrEmpty(next.GetProperty("id").GetString()));
    }
}
