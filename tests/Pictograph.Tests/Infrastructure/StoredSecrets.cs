using Microsoft.Extensions.DependencyInjection;
using Pictograph.Auth;
using Pictograph.Data;

namespace Pictograph.Tests.Infrastructure;

/// <summary>App secrets are stored encrypted: what a test reads from the database, revealed by the server's own keys.</summary>
public static class StoredSecrets
{
    public static string SecretOf(this IServiceProvider services, App app) => services.GetRequiredService<AppSecrets>().Reveal(app);

    public static string SecretOf(this PictographServer server, App app) => server.Services.SecretOf(app);

    /// <summary>The stored form of a secret, for apps a test writes straight into the database.</summary>
    public static string Protected(this PictographServer server, string secret) => server.Services.GetRequiredService<AppSecrets>().Protect(secret);
}
