namespace Pictograph.Dashboard;

/// <summary>The developer dashboard under <c>/developers</c>: apps, their settings, roles, tokens and webhooks.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // Group filters run outermost first: the form check, then the session, then the role on the app.
        var dashboard = app.MapGroup(DashboardPaths.Root).AddEndpointFilter(DashboardContext.ValidateAntiforgeryAsync);
        dashboard.MapGet("/", () => Results.Redirect(DashboardPaths.Apps));
        SignInPage.Map(dashboard);

        var signedIn = dashboard.MapGroup("").AddEndpointFilter(DashboardContext.RequireSignInAsync);
        AppListPage.Map(signedIn);
        InspectorPages.Map(signedIn);

        var appPages = signedIn.MapGroup("/apps/{appId:long}").AddEndpointFilter(DashboardContext.RequireAppRoleAsync);
        AppSettingsPage.Map(appPages);
        AppRolesPage.Map(appPages);
        AppTokensPage.Map(appPages);
        AppWebhooksPage.Map(appPages);

        // Anything else under /developers is a dashboard 404, not a Graph API error.
        dashboard.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Post], DashboardLayout.NotFound);
        return app;
    }
}
