using System.Text.Json;

namespace Pictograph.Fixtures;

/// <summary>Takes a loaded fixture's <c>faults:</c> rules (the control API's fault-rule objects); every registered one is called.</summary>
public interface IFixtureFaults
{
    void Load(IReadOnlyList<JsonElement> rules);
}
