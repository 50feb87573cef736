using System.Text.Json;
using Pictograph.Fixtures;

namespace Pictograph.Control.Faults;

/// <summary>A fixture's <c>faults:</c> become active rules as it loads; a rule with mistakes refuses the whole fixture.</summary>
public sealed class FixtureFaults(FaultRules rules) : IFixtureFaults
{
    public void Load(IReadOnlyList<JsonElement> faults)
    {
        var errors = rules.AddAll(faults);
        if (errors.Count > 0)
        {
            throw new FixtureException([.. errors.Select(e => new FixtureError(0, "faults", e))]);
        }
    }
}
