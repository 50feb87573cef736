using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.OAuth;

/// <summary>
/// One seeded server for the dialog tests, with sign-in throttling loosened: every test signs in from
/// the same loopback address. Tests that move the clock or test the throttle start their own.
/// </summary>
public sealed class OAuthServer : IAsyncLifetime
{
    public const string LooseThrottle = "--Pictograph:SignInAttemptsPerMinute=100000";

    private OwnServer? _own;

    public PictographServer Server => _own!.Server;

    public async Task InitializeAsync() => _own = await OwnServer.StartAsync(LooseThrottle);

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OAuthCollection : ICollectionFixture<OAuthServer>
{
    public const string Name = "oauth server";
}
