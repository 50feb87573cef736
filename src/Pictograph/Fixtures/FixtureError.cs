namespace Pictograph.Fixtures;

/// <summary>One mistake in a fixture: where it is (line, 1-based; path such as <c>media[3].owner</c>) and what is wrong.</summary>
public sealed record FixtureError(int Line, string Path, string Reason)
{
    public override string ToString() => Path.Length == 0 ? $"line {Line}: {Reason}" : $"line {Line}: {Path}: {Reason}";
}

/// <summary>A fixture that was refused, with every mistake found; nothing of it was loaded.</summary>
public sealed class FixtureException(IReadOnlyList<FixtureError> errors)
    : Exception($"The fixture has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => "  " + e))}")
{
    public IReadOnlyList<FixtureError> Errors { get; } = errors;
}
