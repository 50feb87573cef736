using System.Text.Json;
using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;
using Pictograph.Tests.OAuth;
using static Pictograph.Tests.OAuth.OAuthClient;

namespace Pictograph.Tests.Wire;

/// <summary>Runs of slashes in the path mean one slash on every endpoint, not only Graph nodes; the query is left as sent.</summary>
public sealed class RepeatedSlashTests(PictographServer server) : IClassFixture<PictographServer>
{
    /// <summary>An absolute URL: a relative "//x" would be read as a host name.</summary>
    private string Url(string pathAndQuery) => server.BaseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery;

    private string AppToken => Uri.EscapeDataString($"{Id(server.Demo.AppId)}|{server.Demo.AppSecret}");

    private string AppCredentials => $"grant_type=client_credentials&client_id={Id(server.Demo.AppId)}&client_secret={server.Demo.AppSecret}";

    [Theory]
    [InlineData("/v21.0//oauth/access_token")]
    [InlineData("//oauth/access_token")]
    [InlineData("/v25.0///oauth//access_token")]
    public async Task The_app_token_endpoint_answers_under_repeated_slashes(string path)
    {
        var response = await server.GetAsync(Url($"{path}?{AppCredentials}"));

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal($"{Id(server.Demo.AppId)}|{server.Demo.AppSecret}", response.Json.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task Debug_token_answers_under_repeated_slashes()
    {
        var single = await server.GetAsync($"/debug_token?input_token={server.Demo.Token}&access_token={AppToken}");
        var doubled = await server.GetAsync(Url($"//debug_token?input_token={server.Demo.Token}&access_token={AppToken}"));
        var versioned = await server.GetAsync(Url($"/v25.0//debug_token?input_token={server.Demo.Token}&access_token={AppToken}"));

        Assert.True(single.Status == 200, single.Body);
        Assert.Equal(single.Body, doubled.Body);
        Assert.Equal(single.Body, versioned.Body);
        Assert.True(doubled.Json.GetProperty("data").GetProperty("is_valid").GetBoolean());
    }

    [Fact]
    public async Task The_exchange_and_refresh_endpoints_answer_under_repeated_slashes()
    {
        var shortLived = await server.IssueTokenAsync(DemoWorld.PersonalUsername, kind: TokenKind.ShortLived);

        var exchanged = await server.GetAsync(Url($"//access_token?grant_type=ig_exchange_token&client_secret={server.Demo.AppSecret}&access_token={shortLived}"));
        var longLived = AccessToken(exchanged);
        // Too young to refresh: the endpoint's own answer, not the Graph endpoint's unknown alias.
        var refreshed = await server.GetAsync(Url($"///refresh_access_token?grant_type=ig_refresh_token&access_token={longLived}"));
        var single = await server.GetAsync($"/refresh_access_token?grant_type=ig_refresh_token&access_token={longLived}");

        Assert.Equal(60 * 24 * 3600, exchanged.Json.GetProperty("expires_in").GetInt64());
        Assert.Equal(single.Status, refreshed.Status);
        Assert.Equal(single.ErrorMessage, refreshed.ErrorMessage);
        Assert.NotEqual(803, refreshed.ErrorCode);
    }

    [Theory]
    [InlineData("//oauth/authorize")]
    [InlineData("//oauth//authorize/")]
    [InlineData("//dialog/oauth")]
    [InlineData("/v25.0//dialog/oauth")]
    public async Task The_dialogs_sign_in_and_consent_under_repeated_slashes(string path)
    {
        var facebook = path.Contains("dialog", StringComparison.Ordinal);
        using var browser = new DialogBrowser(server);

        // The query keeps its own "//" (redirect_uri=http://…), which must still match the registered URI.
        var redirect = await browser.AuthorizeAsync(
            Url(DialogUrl(server.Demo.AppId, facebook ? "instagram_basic,pages_show_list" : "user_profile", path: path)),
            facebook ? DemoWorld.DeveloperEmail : DemoWorld.PersonalUsername);

        Assert.False(string.IsNullOrEmpty(redirect.LocationQuery["code"]));
    }

    [Fact]
    public async Task Signed_media_urls_verify_under_repeated_slashes()
    {
        var media = await server.GetAsync($"/me/media?fields=media_url&limit=1&access_token={server.Demo.Token}");
        var url = new Uri(media.Json.GetProperty("data")[0].GetProperty("media_url").GetString()!);
        var doubled = url.AbsolutePath.Replace("/", "//", StringComparison.Ordinal) + url.Query;

        using var single = await server.Client.GetAsync(url.PathAndQuery);
        using var repeated = await server.Client.GetAsync(Url(doubled));
        using var tampered = await server.Client.GetAsync(Url(doubled.Replace("oh=", "oh=0", StringComparison.Ordinal)));

        Assert.Equal(200, (int)single.StatusCode);
        Assert.Equal(200, (int)repeated.StatusCode);
        Assert.Equal(await single.Content.ReadAsByteArrayAsync(), await repeated.Content.ReadAsByteArrayAsync());
        Assert.Equal(403, (int)tampered.StatusCode);
    }

    [Fact]
    public async Task Permalinks_and_the_dashboard_answer_under_repeated_slashes()
    {
        var media = await server.GetAsync($"/me/media?fields=permalink&limit=1&access_token={server.Demo.Token}");
        var permalink = new Uri(media.Json.GetProperty("data")[0].GetProperty("permalink").GetString()!).AbsolutePath;

        using var pageSingle = await server.Client.GetAsync(permalink);
        using var page = await server.Client.GetAsync(Url(permalink.Replace("/", "//", StringComparison.Ordinal)));
        using var dashboard = await server.Client.GetAsync(Url("//developers//apps"));
        using var dashboardSingle = await server.Client.GetAsync("/developers/apps");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal(await pageSingle.Content.ReadAsStringAsync(), await page.Content.ReadAsStringAsync());
        Assert.Equal(dashboardSingle.StatusCode, dashboard.StatusCode);
        Assert.Equal(dashboardSingle.RequestMessage!.RequestUri!.AbsolutePath, dashboard.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Graph_reads_and_writes_answer_under_repeated_slashes()
    {
        var single = await server.GetAsync($"/v25.0/me/media?fields=id&limit=2&access_token={server.Demo.Token}");
        var doubled = await server.GetAsync(Url($"//v25.0//me//media?fields=id&limit=2&access_token={server.Demo.Token}"));

        Assert.True(single.Status == 200, single.Body);
        Assert.Equal(GraphAssert.Ids(single.Json), GraphAssert.Ids(doubled.Json));
        using var document = JsonDocument.Parse(doubled.Body);
        Assert.StartsWith($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/v25.0/{DemoData.Id(server.Demo.AccountId)}/media?", document.RootElement.GetProperty("paging").GetProperty("next").GetString(), StringComparison.Ordinal);
    }
}
