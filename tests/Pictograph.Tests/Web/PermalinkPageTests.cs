using Pictograph.Data;
using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Web;

/// <summary>Permalink pages are pages like the others: they forbid framing and scripts, found or not.</summary>
[Collection(ServerCollection.Name)]
public sealed class PermalinkPageTests(PictographServer server)
{
    [Fact]
    public async Task A_post_page_and_a_missing_one_send_the_page_security_headers()
    {
        var photo = server.AllMedia(DemoWorld.PersonalUsername).First(m => m.ParentId is null && m.ProductType == MediaProductType.Feed && m.Shortcode is not null);

        foreach (var (path, status) in new[] { ($"/p/{photo.Shortcode}/", 200), ("/p/nosuchpost/", 404) })
        {
            using var response = await server.Client.GetAsync(path);

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
            var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        }
    }
}
