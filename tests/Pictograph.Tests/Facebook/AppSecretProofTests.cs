using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Auth.OAuth;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Facebook;

/// <summary><c>appsecret_proof</c> on Facebook Login calls: checked when sent, demanded when the app requires it.</summary>
[Collection(ServerCollection.Name)]
public sealed class AppSecretProofTests(PictographServer server)
{
    private const string Scopes = "pages_show_list";

    private static string Path(string token, string query = "") => $"/me?fields=id&access_token={token}{query}";

    [Fact]
    public async Task A_plain_proof_is_accepted()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var proof = AppSecretProof.Compute(server.Demo.AppSecret, token);

        var response = await server.GetAsync(Path(token, $"&appsecret_proof={proof}"));

        Assert.True(response.Status == 200, response.Body);
    }

    [Fact]
    public async Task A_time_stamped_proof_is_accepted_while_fresh()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        var proof = AppSecretProof.Compute(server.Demo.AppSecret, token, now - 60);

        var response = await server.GetAsync(Path(token, $"&appsecret_proof={proof}&appsecret_time={now - 60}"));

        Assert.True(response.Status == 200, response.Body);
    }

    [Fact]
    public async Task An_expired_time_stamp_is_refused()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var then = server.Clock.GetUtcNow().ToUnixTimeSeconds() - 301;
        var proof = AppSecretProof.Compute(server.Demo.AppSecret, token, then);

        var response = await server.GetAsync(Path(token, $"&appsecret_proof={proof}&appsecret_time={then}"));

        GraphAssert.Error(response, 400, 100);
        Assert.Contains("expired", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_proof_is_refused()
    {
        var token = await server.DeveloperTokenAsync(Scopes);
        var otherToken = await server.DeveloperTokenAsync(Scopes);
        var proofForAnother = AppSecretProof.Compute(server.Demo.AppSecret, otherToken);
        var proofWithAnotherSecret = AppSecretProof.Compute("not-the-secret", token);

        GraphAssert.Error(await server.GetAsync(Path(token, $"&appsecret_proof={proofForAnother}")), 400, 100);
        GraphAssert.Error(await server.GetAsync(Path(token, $"&appsecret_proof={proofWithAnotherSecret}")), 400, 100);
    }

    [Fact]
    public async Task A_proof_is_required_when_the_app_says_so()
    {
        await using var own = await OwnServer.StartAsync();
        var s = own.Server;
        var token = await s.DeveloperTokenAsync(Scopes);
        await s.WriteAsync(async db => (await db.Apps.FindAsync(s.Demo.AppId))!.RequireAppSecretProof = true);
        s.Services.GetRequiredService<AppDirectory>().Forget(s.Demo.AppId);

        var without = await s.GetAsync(Path(token));
        var with = await s.GetAsync(Path(token, $"&appsecret_proof={AppSecretProof.Compute(s.Demo.AppSecret, token)}"));

        GraphAssert.Error(without, 400, 100);
        Assert.Contains("appsecret_proof", without.ErrorMessage, StringComparison.Ordinal);
        Assert.True(with.Status == 200, with.Body);
    }
}
