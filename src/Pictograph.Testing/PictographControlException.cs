using System.Net;

namespace Pictograph.Testing;

/// <summary>A control API call that the server refused, with its problem details (RFC 7807).</summary>
public sealed class PictographControlException(HttpStatusCode status, string? title, string? detail, string body)
    : Exception($"The control API answered {(int)status}: {detail ?? title ?? body}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>The whole answer, as sent.</summary>
    public string Body { get; } = body;
}
