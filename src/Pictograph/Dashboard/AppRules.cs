namespace Pictograph.Dashboard;

/// <summary>What an app's settings may hold; the dashboard and <c>apps create</c> check the same rules.</summary>
public static class AppRules
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2048;

    /// <summary>The size of the column that holds all redirect URIs.</summary>
    public const int MaxRedirectUrisLength = 16_384;

    /// <summary>The trimmed name, or why it cannot be an app's name.</summary>
    public static (string Name, string? Problem) Name(string? input)
    {
        var name = (input ?? "").Trim();
        return name switch
        {
            { Length: 0 } => (name, "An app needs a name."),
            { Length: > MaxNameLength } => (name, $"An app name has at most {MaxNameLength} characters."),
            _ when name.Any(char.IsControl) => (name, "An app name cannot contain control characters."),
            _ => (name, null),
        };
    }

    /// <summary>
    /// Parses redirect URIs, one per line (blank lines and repeats dropped). Each must be an absolute
    /// http(s) URI without a fragment; an origin alone gets a trailing "/", as Meta's dashboard stores it,
    /// because OAuth compares redirect_uri with these strings exactly.
    /// </summary>
    public static (IReadOnlyList<string> Uris, IReadOnlyList<string> Problems) RedirectUris(IEnumerable<string> lines)
    {
        var uris = new List<string>();
        var problems = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (UrlProblem(line) is { } problem)
            {
                problems.Add($"'{line}': {problem}");
            }
            else if (line.Contains('#', StringComparison.Ordinal))
            {
                problems.Add($"'{line}': a redirect URI cannot have a fragment (#…).");
            }
            else
            {
                var uri = WithPath(line);
                if (!uris.Contains(uri, StringComparer.Ordinal))
                {
                    uris.Add(uri);
                }
            }
        }

        if (uris.Sum(u => u.Length + 1) > MaxRedirectUrisLength)
        {
            problems.Add($"The redirect URIs take more than {MaxRedirectUrisLength} characters together.");
        }

        return (uris, problems);
    }

    /// <summary>Null when the text is an absolute http or https URL this server can store, else why not.</summary>
    public static string? UrlProblem(string url)
    {
        if (url.Length > MaxUrlLength)
        {
            return $"a URL has at most {MaxUrlLength} characters.";
        }

        // Uri.TryCreate would accept "/path" as a file URI on Unix and quietly escape spaces: check first.
        return url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
               || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
               || uri.Scheme is not ("http" or "https")
               || uri.Host.Length == 0
            ? "not an absolute http:// or https:// URL."
            : null;
    }

    private static string WithPath(string uri)
    {
        var parsed = new Uri(uri);
        return parsed.AbsolutePath == "/" && parsed.Query.Length == 0 && !uri.EndsWith('/') ? uri + "/" : uri;
    }
}
