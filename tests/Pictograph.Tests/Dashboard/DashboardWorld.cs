using Pictograph.Seed;
using Pictograph.Tests.Infrastructure;

namespace Pictograph.Tests.Dashboard;

/// <summary>
/// A test class's own seeded server with the demo developer (administrator of the demo app) signed in
/// once: sign-ins are throttled per minute, so sessions are made per class, not per test.
/// </summary>
public class DashboardWorld : IAsyncLifetime
{
    public PictographServer Server { get; } = new();

    public DashboardBrowser Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Admin = await DashboardBrowser.SignedInAsync(Server, DemoWorld.DeveloperEmail);
    }

    public virtual async Task DisposeAsync()
    {
        Admin?.Dispose();
        await Server.DisposeAsync();
    }
}
