using System.Text.Json;
using Pictograph.Tests.Facebook;
using Pictograph.Tests.Infrastructure;
using static Pictograph.Tests.Business.BusinessWorld;

namespace Pictograph.Tests.Business;

/// <summary><c>GET /?ids=…</c> and batch requests (<c>POST /</c> with <c>batch=[…]</c>).</summary>
public sealed class MultiIdAndBatchTests(PictographServer server) : IClassFixture<PictographServer>
{
    [Fact]
    public async Task Ids_answer_one_object_keyed_by_each_id_as_given()
    {
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);
        var creator = server.IdOf(Creator);

        var response = await server.GetAsync($"/v25.0/?ids=me,{shop},{creator}&fields=id&access_token={fb}");
        var named = await server.GetAsync($"/?ids={shop},{creator}&fields=username&access_token={fb}");

        AssertOk(response);
        Assert.Equal(["me", shop, creator], GraphAssert.Names(response.Json));
        Assert.Equal(DemoData.Id(server.Developer().Id), response.Json.GetProperty("me").GetProperty("id").GetString());
        Assert.Equal(shop, response.Json.GetProperty(shop).GetProperty("id").GetString());
        AssertOk(named);
        Assert.Equal(Creator, named.Json.GetProperty(creator).GetProperty("username").GetString());
    }

    [Fact]
    public async Task An_id_that_cannot_be_read_fails_the_whole_read()
    {
        var fb = await server.FacebookTokenAsync();
        var unreachable = await server.GetAsync($"/?ids=me,{server.IdOf(Personal)}&access_token={fb}");
        var alias = await server.GetAsync($"/?ids=me,nosuchalias&access_token={fb}");

        GraphAssert.Error(unreachable, 400, 100, 33);
        GraphAssert.Error(alias, 400, 803);
    }

    [Fact]
    public async Task A_batch_runs_each_operation_in_order_with_its_own_status_headers_and_body()
    {
        var fb = await server.FacebookTokenAsync();
        var shop = server.IdOf(Shop);
        var batch = JsonSerializer.Serialize(new object[]
        {
            new { method = "GET", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = $"v25.0/{shop}?fields=username" },
            new { method = "GET", relative_url = $"{server.IdOf(Personal)}" },
            new { method = "GET", relative_url = $"{shop}/media?limit=1&fields=id" },
        });

        var response = await server.PostFormAsync("/", ("batch", batch), ("access_token", fb));

        AssertOk(response);
        var items = response.Json.EnumerateArray().ToList();
        Assert.Equal([200, 200, 400, 200], items.Select(i => i.GetProperty("code").GetInt32()));
        JsonElement Body(int i) => JsonDocument.Parse(items[i].GetProperty("body").GetString()!).RootElement;
        Assert.Equal(DemoData.Id(server.Developer().Id), Body(0).GetProperty("id").GetString());
        Assert.Equal(Shop, Body(1).GetProperty("username").GetString());
        Assert.Equal(100, Body(2).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(1, Body(3).GetProperty("data").GetArrayLength());
        Assert.All(items, i => Assert.Contains(i.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Content-Type"));
        Assert.Contains(items[2].GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "WWW-Authenticate");
    }

    [Fact]
    public async Task Include_headers_false_leaves_the_headers_out()
    {
        var fb = await server.FacebookTokenAsync();
        var batch = """[{"method":"GET","relative_url":"me?fields=id"}]""";

        var response = await server.PostFormAsync("/", ("batch", batch), ("include_headers", "false"), ("access_token", fb));

        AssertOk(response);
        Assert.Equal(["code", "body"], GraphAssert.Names(response.Json[0]));
    }

    [Fact]
    public async Task An_operation_may_carry_its_own_token()
    {
        var fb = await server.FacebookTokenAsync();
        var ig = await server.InstagramLoginTokenAsync(Creator);
        var batch = JsonSerializer.Serialize(new object[]
        {
            new { method = "GET", relative_url = "me?fields=id" },
            new { method = "GET", relative_url = $"me?fields=username&access_token={ig}" },
        });

        var response = await server.PostFormAsync("/", ("batch", batch), ("access_token", fb));

        AssertOk(response);
        var second = JsonDocument.Parse(response.Json[1].GetProperty("body").GetString()!).RootElement;
        Assert.Equal(Creator, second.GetProperty("username").GetString());
    }

    [Fact]
    public async Task At_most_50_operations()
    {
        var fb = await server.FacebookTokenAsync();
        string Batch(int n) => "[" + string.Join(',', Enumerable.Repeat("""{"method":"GET","relative_url":"me?fields=id"}""", n)) + "]";

        var fifty = await server.PostFormAsync("/", ("batch", Batch(50)), ("include_headers", "false"), ("access_token", fb));
        var fiftyOne = await server.PostFormAsync("/", ("batch", Batch(51)), ("access_token", fb));
        var notJson = await server.PostFormAsync("/", ("batch", "not json"), ("access_token", fb));

        AssertOk(fifty);
        Assert.Equal(50, fifty.Json.GetArrayLength());
        GraphAssert.Error(fiftyOne, 400, 100);
        GraphAssert.Error(notJson, 400, 100);
    }
}
