using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Pictograph.Tests.OAuth;

/// <summary>One response of the dialog as a browser sees it: status, redirect target, the HTML and its forms.</summary>
public sealed partial record DialogPage(int Status, string? Location, string Html, HttpResponseHeaders Headers)
{
    public bool IsRedirect => Status is 301 or 302 or 303 or 307;

    /// <summary>The text of the page without its tags, decoded, spaces collapsed (for "the page says …" checks).</summary>
    public string Text => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(Html, " ")), " ");

    /// <summary>The query parameters of the redirect target.</summary>
    public IDictionary<string, string> LocationQuery
    {
        get
        {
            Assert.True(IsRedirect && Location is not null, $"Expected a redirect but got HTTP {Status}: {Text}");
            var query = Location!.Split('#')[0].Split('?', 2) is [_, var q] ? q : "";
            return QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString());
        }
    }

    public bool HasForm(string actionSuffix) => Forms().Any(f => f.Action.EndsWith(actionSuffix, StringComparison.Ordinal));

    /// <summary>The form whose action ends with the suffix: its action and hidden fields.</summary>
    public (string Action, Dictionary<string, string> Hidden) Form(string actionSuffix)
    {
        var forms = Forms().Where(f => f.Action.EndsWith(actionSuffix, StringComparison.Ordinal)).ToList();
        Assert.True(forms.Count == 1, $"Expected one form posting to …{actionSuffix} on a page with HTTP {Status}: {Text}");
        return forms[0];
    }

    private IEnumerable<(string Action, Dictionary<string, string> Hidden)> Forms() =>
        FormElement().Matches(Html).Select(form => (
            WebUtility.HtmlDecode(form.Groups["action"].Value),
            HiddenInput().Matches(form.Groups["body"].Value).ToDictionary(
                input => WebUtility.HtmlDecode(input.Groups["name"].Value),
                input => WebUtility.HtmlDecode(input.Groups["value"].Value))));

    [GeneratedRegex("<form[^>]*\\saction=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
