using System.Text.Json;

namespace Pictograph.Tests.Infrastructure;

/// <summary>Follows <c>paging.next</c> or <c>paging.previous</c> links verbatim, page by page.</summary>
public static class PagingWalker
{
    /// <summary>The pages reached from the first URL by following <paramref name="link"/>, the first one included.</summary>
    public static async Task<List<JsonElement>> WalkAsync(PictographServer server, string firstUrl, string link = "next", string? bearer = null, int maxPages = 500)
    {
        var pages = new List<JsonElement>();
        var url = firstUrl;
        while (url is not null)
        {
            Assert.True(pages.Count < maxPages, $"More than {maxPages} pages: the {link} links never end.");
            var response = await server.GetAsync(url, bearer);
            Assert.True(response.Status == 200, $"GET {url} answered {response.Status}: {response.Body}");
            var page = response.Json;
            pages.Add(page);
            url = NextUrl(page, link);
            if (url is not null)
            {
                AssertPointsAtServer(server, url);
            }
        }

        return pages;
    }

    /// <summary>The link's URL, or null when the page has no such link.</summary>
    public static string? NextUrl(JsonElement page, string link = "next") =>
        page.TryGetProperty("paging", out var paging) && paging.TryGetProperty(link, out var next) ? next.GetString() : null;

    /// <summary>The link is absolute, on this server's origin.</summary>
    public static void AssertPointsAtServer(PictographServer server, string url)
    {
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), $"Not an absolute URL: {url}");
        Assert.Equal(server.BaseAddress.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The query parameter of an absolute URL.</summary>
    public static string? Query(string url, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue(name, out var values) ? values.ToString() : null;
}
