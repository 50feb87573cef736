namespace Pictograph.Dashboard;

/// <summary>The developer dashboard: apps, their settings, roles and tokens.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) => app;
}
