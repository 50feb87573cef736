using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.BasicDisplay;

[Collection(ServerCollection.Name)]
public sealed class SmokeTests(PictographServer server)
{
    [Fact]
    public async Task Me_answers_the_demo_user()
    {
        var response = await server.GetAsync($"/me?fields=id,username,account_type&access_token={server.Demo.Token}");
        Assert.Equal(200, response.Status);
        Assert.Equal("jane.doe", response.Json.GetProperty("username").GetString());
        Assert.Equal(server.Demo.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Json.GetProperty("id").GetString());
        Assert.Equal("PERSONAL", response.Json.GetProperty("account_type").GetString());
    }
}
