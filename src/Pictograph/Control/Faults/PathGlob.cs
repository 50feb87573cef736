using System.Text;
using System.Text.RegularExpressions;

namespace Pictograph.Control.Faults;

/// <summary>Path patterns of fault rules: <c>*</c> stands for any characters within a segment, <c>**</c> for any across segments.</summary>
public static class PathGlob
{
    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append("[^/]*");
            }
        }

        // Patterns come from the operator; the timeout only guards against a pathological one.
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
