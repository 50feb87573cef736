using System.Text;
using System.Text.Encodings.Web;

namespace Pictograph.Web;

/// <summary>
/// The few server-rendered pages (sign-in, consent, dashboard) share this layout. Every dynamic value
/// goes through <see cref="Encode"/>; pages forbid framing and inline scripts.
/// </summary>
public static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem;color:#222}
        h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem}
        form.stack{display:flex;flex-direction:column;gap:.6rem;max-width:360px}
        input,select,textarea{font:inherit;padding:.45rem;border:1px solid #bbb;border-radius:6px}
        button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #0095f6;background:#0095f6;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#0095f6}
        .error{color:#b00020} .muted{color:#666} table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #eee;padding:.4rem;text-align:left}
        ul.permissions li{margin:.3rem 0} code{background:#f4f4f4;padding:0 .2rem;border-radius:3px;word-break:break-all}
        """;

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static IResult Result(string title, string body, int status = StatusCodes.Status200OK) =>
        new PageResult(Render(title, body), status);

    public static string Render(string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append(body)
            .Append("</body></html>");
        return html.ToString();
    }

    /// <summary>A hidden antiforgery field for a form.</summary>
    public static string AntiforgeryField(Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet tokens) =>
        $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";

    /// <summary>The headers of every page: HTML, never kept, never framed, no scripts.</summary>
    public static void SetHeaders(HttpResponse response)
    {
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'; form-action 'self' http: https:";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            SetHeaders(response);
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
