using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pictograph.Auth;
using Pictograph.Control.Clock;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Seed;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// The real server on a real loopback port, over a fresh SQLite file in a temp data directory, seeded
/// with the demo world, with a clock the test can move.
/// </summary>
public sealed class PictographServer : IAsyncLifetime
{
    /// <summary>A fixed start so seeded timestamps are the same on every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private WebApplication? _app;
    private string? _database;

    public FakeTimeProvider Clock { get; } = new(Start);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "pictograph-tests", Guid.NewGuid().ToString("N"));

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public DemoWorld.Summary Demo { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>More command-line arguments for the server, e.g. <c>--Pictograph:SignInAttemptsPerMinute=3</c>.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    public async Task InitializeAsync()
    {
        var (databaseArgs, database) = await TestDatabases.CreateAsync(DataDirectory);
        _database = database;
        _app = PictographApp.Build(
            ["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={DataDirectory}", "--Logging:LogLevel:Default=Warning", .. databaseArgs, .. ExtraArgs],
            builder => builder.Services.AddSingleton(new ControlClock(Clock)));
        Demo = await PictographApp.PrepareAsync(_app.Services, seedDemo: true) ?? throw new InvalidOperationException("The demo world was not seeded.");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        // Null when the server failed to start (e.g. a setting refused at start).
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TestDatabases.DropAsync(_database);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Issues a token for a seeded account, as the CLI's "tokens issue" does.</summary>
    public async Task<string> IssueTokenAsync(string username, string scopes = "user_profile,user_media", TokenKind kind = TokenKind.LongLived)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PictographDb>();
        var account = db.Accounts.Single(a => a.Username == username);
        var tokens = Services.GetRequiredService<TokenService>();
        var (token, _) = await tokens.IssueAsync(new TokenGrant(Demo.AppId, account.Id, TokenFlavour.BasicDisplay, kind, TokenInfo.ParseScopes(scopes)));
        return token;
    }

    /// <summary>GETs a path (relative or absolute) and parses the JSON body.</summary>
    public async Task<GraphResponse> GetAsync(string pathAndQuery, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await SendAsync(request);
    }

    /// <summary>A GET that asks for a freshly computed answer (<c>Cache-Control: no-cache</c>), not a kept one.</summary>
    public async Task<GraphResponse> GetFreshAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        return await SendAsync(request);
    }

    public async Task<GraphResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphResponse((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), body);
    }
}

/// <summary>A response with its body parsed as JSON (or left as text when it is not JSON).</summary>
public sealed record GraphResponse(int Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int ErrorCode => Json.GetProperty("error").GetProperty("code").GetInt32();

    public int? ErrorSubcode => Json.GetProperty("error").TryGetProperty("error_subcode", out var s) ? s.GetInt32() : null;

    public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;
}
