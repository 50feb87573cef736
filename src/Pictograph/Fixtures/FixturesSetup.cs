using Pictograph.Control;

namespace Pictograph.Fixtures;

public static class FixturesSetup
{
    public static IServiceCollection AddFixtures(this IServiceCollection services)
    {
        services.AddSingleton<CurrentFixture>();
        services.AddSingleton<FixtureLoader>();
        services.AddSingleton<FixtureExporter>();
        services.AddSingleton<IControlEndpoints, FixtureEndpoints>();
        return services;
    }
}
