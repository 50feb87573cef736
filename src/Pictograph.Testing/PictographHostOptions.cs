namespace Pictograph.Testing;

/// <summary>How <see cref="PictographHost.StartAsync"/> starts the server.</summary>
public sealed class PictographHostOptions
{
    /// <summary>
    /// A fixture file to load instead of the demo world, as <c>serve --fixture FILE</c> loads it. Null loads the demo world.
    /// </summary>
    public string? FixturePath { get; init; }

    /// <summary>The data directory; null makes a fresh temporary one, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The clock the server starts on, e.g. a <c>FakeTimeProvider</c>; null is real time. The control
    /// API's clock routes move the server's time either way.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>More settings, as on the command line: <c>["--Pictograph:SignInAttemptsPerMinute=3"]</c>.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
}
