using System.Net.Http.Headers;
using System.Text;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Web;

/// <summary>A truncated multipart body is the client's fault on every page and endpoint that reads forms.</summary>
[Collection(ServerCollection.Name)]
public sealed class BadBodyTests(PictographServer server)
{
    [Theory]
    [InlineData("/oauth/authorize/sign-in")]
    [InlineData("/oauth/authorize/consent")]
    [InlineData("/dialog/oauth/sign-in")]
    [InlineData("/developers/signin")]
    [InlineData("/oauth/access_token")]
    [InlineData("/me")]
    public async Task A_truncated_multipart_form_is_a_400_not_a_500(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("--zzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb")),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zzz");

        var response = await server.SendAsync(request);

        Assert.Equal(400, response.Status);
    }
}
