namespace Pictograph.Auth.OAuth;

/// <summary>The authorization dialogs: Instagram's /oauth/authorize and Facebook's /dialog/oauth, with sign-in and consent.</summary>
public static class AuthorizePages
{
    public static IEndpointRouteBuilder MapOAuthPages(this IEndpointRouteBuilder app) => app;
}
