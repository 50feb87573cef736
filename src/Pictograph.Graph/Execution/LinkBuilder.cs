using System.Text;

namespace Pictograph.Graph.Execution;

/// <summary>
/// Builds absolute paging URLs. The edge named in the path repeats the request's own parameters; an
/// edge expanded inside <c>fields</c> gets a path of its own with its sub-selection and paging.
/// </summary>
internal readonly struct LinkBuilder(PagingLinks links, BoundField bound, object parent)
{
    private static readonly HashSet<string> Replaced = new(StringComparer.Ordinal) { "access_token", "after", "before" };

    public string? Url(string cursorName, string cursor)
    {
        if (!bound.Owner.HasId)
        {
            return null;
        }

        var url = new StringBuilder(links.BaseUrl)
            .Append('/').Append(GraphJson.Id(bound.Owner.IdOf(parent)))
            .Append('/').Append(bound.Field.Name)
            .Append('?');
        var first = true;
        void Add(string name, string value)
        {
            if (!first)
            {
                url.Append('&');
            }

            first = false;
            url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        if (links.AccessToken is not null)
        {
            Add("access_token", links.AccessToken);
        }

        var paging = bound.Paging!;
        if (bound.IsPathEdge)
        {
            var hasLimit = false;
            foreach (var (name, value) in links.RootParameters)
            {
                if (!Replaced.Contains(name))
                {
                    hasLimit |= name == "limit";
                    Add(name, value);
                }
            }

            if (!hasLimit)
            {
                Add("limit", paging.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else
        {
            Add("fields", bound.Children!.Text);
            Add("limit", paging.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (paging.Since is { } since)
            {
                Add("since", since.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (paging.Until is { } until)
            {
                Add("until", until.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Add(cursorName, cursor);
        return url.ToString();
    }
}
