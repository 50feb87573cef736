using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Control.Snapshots;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Crash;

/// <summary>
/// The demo world seeded once into a data directory, with the tokens and authorization codes the crash
/// scenarios use; each scenario works on a copy of it, so one seeding serves them all.
/// </summary>
public sealed class CrashTemplate : IAsyncLifetime
{
    /// <summary>Codes per token-exchange round; each is exchanged once, so every round needs fresh ones.</summary>
    public const int CodesPerRound = 12;

    public const int CodeRounds = 3;

    public const string ShopScopes = "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments";

    private readonly string _directory = PictographCli.NewDataDirectory();

    public long AppId { get; private set; }

    public string AppSecret { get; private set; } = "";

    public string AppToken => $"{AppId}|{AppSecret}";

    public long ShopId { get; private set; }

    /// <summary>A long-lived Instagram Login token of example_shop that publishes and manages comments.</summary>
    public string ShopToken { get; private set; } = "";

    /// <summary>Instagram Login codes of example_shop for the demo app, redirect <see cref="DemoWorld.DemoRedirectUri"/>, by round.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Codes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var app = PictographApp.Build(["--urls=http://127.0.0.1:0", $"--Pictograph:DataDirectory={_directory}", "--Logging:LogLevel:Default=Warning"]);
        await using (app)
        {
            await PictographApp.PrepareAsync(app.Services, seedDemo: true);
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync())
            {
                var demo = await db.Apps.AsNoTracking().OrderBy(a => a.CreatedAt).FirstAsync();
                AppId = demo.Id;
                AppSecret = app.Services.SecretOf(demo);
                ShopId = (await db.Accounts.AsNoTracking().SingleAsync(a => a.Username == "example_shop")).Id;
            }

            var scopes = TokenInfo.ParseScopes(ShopScopes);
            (ShopToken, _) = await app.Services.GetRequiredService<TokenService>().IssueAsync(
                new TokenGrant(AppId, ShopId, TokenFlavour.InstagramLogin, TokenKind.LongLived, scopes));
            var codes = app.Services.GetRequiredService<AuthorizationCodes>();
            var rounds = new List<IReadOnlyList<string>>();
            for (var round = 0; round < CodeRounds; round++)
            {
                var issued = new List<string>();
                for (var i = 0; i < CodesPerRound; i++)
                {
                    issued.Add(await codes.IssueAsync(AppId, ShopId, TokenFlavour.InstagramLogin, DemoWorld.DemoRedirectUri, ["instagram_business_basic"]));
                }

                rounds.Add(issued);
            }

            Codes = rounds;

            // What a reset returns to includes these tokens, so a scenario's calls keep working across resets.
            await app.Services.GetRequiredService<Snapshots>().SaveBaselineAsync(CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>A fresh copy of the seeded directory for one scenario.</summary>
    public string Copy()
    {
        var target = PictographCli.NewDataDirectory();
        CopyFolder(_directory, target);
        return target;
    }

    public Task DisposeAsync()
    {
        PictographCli.DeleteDataDirectory(_directory);
        return Task.CompletedTask;
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }
}
