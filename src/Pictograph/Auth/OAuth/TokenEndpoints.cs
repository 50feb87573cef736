using System.Text.Json;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;
using Pictograph.Impersonation;

namespace Pictograph.Auth.OAuth;

/// <summary>
/// The token endpoints: code → token (<c>/oauth/access_token</c>, Instagram and Facebook shapes),
/// short → long-lived (<c>/access_token</c>, <c>fb_exchange_token</c>), refresh
/// (<c>/refresh_access_token</c>) and app tokens (<c>client_credentials</c>).
/// </summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "", "/{version:apiversion}" })
        {
            app.MapMethods(prefix + "/oauth/access_token", ["GET", "POST"], ExchangeCodeAsync).ShortCircuit()
                .ServedOn(MetaHost.ApiInstagram, MetaHost.GraphFacebook, MetaHost.GraphVideo);
            app.MapGet(prefix + "/access_token", (Delegate)ExchangeLongLivedAsync).ShortCircuit().ServedOn(MetaHost.GraphInstagram);
            app.MapGet(prefix + "/refresh_access_token", (Delegate)RefreshAsync).ShortCircuit().ServedOn(MetaHost.GraphInstagram);
        }

        return app;
    }

    private static async Task<IResult> ExchangeCodeAsync(HttpContext http, string? version)
    {
        // api.instagram.com answers in its own flat error shape; graph.facebook.com (a versioned path,
        // or a Facebook grant) in the Graph envelope.
        GraphParameters parameters;
        try
        {
            parameters = await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (GraphException e)
        {
            return version is null ? new InstagramOAuthException(e.Error.Message).ToResult() : GraphResponses.Error(e.Error);
        }

        var grant = parameters["grant_type"];
        // On the TLS listener the host decides; on the plain one a versioned path or a Facebook grant does.
        var facebookStyle = http.MetaHostOf() is { } host
            ? host.IsFacebookGraph()
            : version is not null || grant is "fb_exchange_token" or "client_credentials";
        if (!facebookStyle && http.MetaHostOf() is not null && grant is not (null or "authorization_code"))
        {
            // api.instagram.com exchanges codes only.
            return new InstagramOAuthException($"Unsupported grant_type: {Shorten(grant)}").ToResult();
        }

        try
        {
            return grant switch
            {
                "fb_exchange_token" => await FacebookExchangeAsync(http, parameters),
                "client_credentials" => await AppTokenAsync(http, parameters),
                null or "authorization_code" => await RedeemCodeAsync(http, parameters, facebookStyle),
                _ => throw Problem(facebookStyle, $"Unsupported grant_type: {Shorten(grant)}"),
            };
        }
        catch (InstagramOAuthException e)
        {
            return e.ToResult();
        }
        catch (GraphException e)
        {
            return GraphResponses.Error(e.Error);
        }
    }

    private static async Task<IResult> RedeemCodeAsync(HttpContext http, GraphParameters parameters, bool facebookStyle)
    {
        var apps = http.RequestServices.GetRequiredService<AppDirectory>();
        var clientId = parameters["client_id"] ?? parameters["app_id"];
        var secret = parameters["client_secret"] ?? parameters["app_secret"];
        var code = parameters["code"];
        var redirectUri = parameters["redirect_uri"];
        foreach (var (name, value) in new[] { ("client_id", clientId), ("client_secret", secret), ("code", code), ("redirect_uri", redirectUri) })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw Problem(facebookStyle, $"Missing required field {name}");
            }
        }

        var app = await apps.FindAsync(clientId, http.RequestAborted);
        if (app is null)
        {
            throw Problem(facebookStyle, "Invalid platform app");
        }

        if (!apps.SecretMatches(app, secret))
        {
            throw Problem(facebookStyle, "Error validating client secret.");
        }

        var codes = http.RequestServices.GetRequiredService<AuthorizationCodes>();
        var (redeemed, problem, (token, info)) = await codes.RedeemAsync(
            app.Id,
            code!,
            redirectUri,
            row => new TokenGrant(app.Id, row.SubjectId, row.Flavour, TokenKind.ShortLived, Permissions.Parse(row.Scopes)),
            http.RequestAborted);
        if (redeemed is null)
        {
            throw problem switch
            {
                CodeProblem.RedirectMismatch => Problem(facebookStyle, "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request"),
                CodeProblem.Expired => Problem(facebookStyle, "This authorization code has expired."),
                CodeProblem.AlreadyUsed => Problem(facebookStyle, "This authorization code has been used."),
                _ => Problem(facebookStyle, "Matching code was not found or was already used"),
            };
        }

        var scopes = Permissions.Parse(redeemed.Scopes);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        return redeemed.Flavour switch
        {
            // Basic Display: user_id is a JSON number (it exceeds 2^53; clients must parse it as 64-bit).
            TokenFlavour.BasicDisplay => Json(w =>
            {
                w.WriteString("access_token", token);
                w.WriteNumber("user_id", redeemed.SubjectId);
            }),
            // Instagram Login: the flat form passport-style clients read, with the granted permissions.
            TokenFlavour.InstagramLogin => Json(w =>
            {
                w.WriteString("access_token", token);
                w.WriteNumber("user_id", redeemed.SubjectId);
                w.WriteStartArray("permissions");
                foreach (var scope in scopes)
                {
                    w.WriteStringValue(scope);
                }

                w.WriteEndArray();
            }),
            _ => Json(w =>
            {
                w.WriteString("access_token", token);
                w.WriteString("token_type", "bearer");
                w.WriteNumber("expires_in", info.ExpiresAt - now);
            }),
        };
    }

    /// <summary>GET /access_token?grant_type=ig_exchange_token: a short-lived Instagram token → 60 days.</summary>
    private static async Task<IResult> ExchangeLongLivedAsync(HttpContext http) =>
        await GraphJsonAsync(http, async parameters =>
        {
            Require(parameters, "grant_type", "client_secret", "access_token");
            if (parameters["grant_type"] != "ig_exchange_token")
            {
                throw GraphErrors.InvalidParameter("Unsupported grant_type: expected ig_exchange_token");
            }

            var tokens = http.RequestServices.GetRequiredService<TokenService>();
            var current = await tokens.ValidateAsync(parameters["access_token"]!, http.RequestAborted);
            if (current.Flavour == TokenFlavour.Facebook || current.Kind == TokenKind.App)
            {
                throw GraphErrors.InvalidParameter("Only Instagram user access tokens can be exchanged here");
            }

            var apps = http.RequestServices.GetRequiredService<AppDirectory>();
            var app = await apps.FindAsync(current.AppId, http.RequestAborted);
            if (app is null || !apps.SecretMatches(app, parameters["client_secret"]))
            {
                throw new GraphException(new GraphError(101, "Error validating client secret.") { Type = "OAuthException" });
            }

            if (current.Kind != TokenKind.ShortLived)
            {
                throw GraphErrors.InvalidParameter("The access token is already long-lived; refresh it with /refresh_access_token");
            }

            return await IssueLongLivedAsync(http, current, includePermissions: false);
        });

    /// <summary>GET /refresh_access_token?grant_type=ig_refresh_token: a long-lived token at least 24 hours old → 60 more days.</summary>
    private static async Task<IResult> RefreshAsync(HttpContext http) =>
        await GraphJsonAsync(http, async parameters =>
        {
            Require(parameters, "grant_type", "access_token");
            if (parameters["grant_type"] != "ig_refresh_token")
            {
                throw GraphErrors.InvalidParameter("Unsupported grant_type: expected ig_refresh_token");
            }

            var tokens = http.RequestServices.GetRequiredService<TokenService>();
            var current = await tokens.ValidateAsync(parameters["access_token"]!, http.RequestAborted);
            if (current.Flavour == TokenFlavour.Facebook || current.Kind != TokenKind.LongLived)
            {
                throw GraphErrors.InvalidParameter("Only long-lived Instagram user access tokens can be refreshed");
            }

            if (!current.Scopes.Contains(Permissions.UserProfile) && !current.Scopes.Contains(Permissions.BusinessBasic))
            {
                throw GraphErrors.PermissionDenied();
            }

            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
            if (now - current.IssuedAt < TimeSpan.FromHours(24).TotalSeconds)
            {
                throw GraphErrors.InvalidParameter("A long-lived access token can be refreshed only once it is at least 24 hours old");
            }

            return await IssueLongLivedAsync(http, current, includePermissions: true);
        });

    private static async Task<IResult> IssueLongLivedAsync(HttpContext http, TokenInfo current, bool includePermissions)
    {
        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var (token, info) = await tokens.IssueAsync(
            new TokenGrant(current.AppId, current.SubjectId, current.Flavour, TokenKind.LongLived, current.Scopes) { CodeHash = current.CodeHash },
            http.RequestAborted);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        return Json(w =>
        {
            w.WriteString("access_token", token);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", info.ExpiresAt - now);
            if (includePermissions)
            {
                w.WriteString("permissions", string.Join(',', info.Scopes.Order(StringComparer.Ordinal)));
            }
        });
    }

    /// <summary>grant_type=fb_exchange_token: a short-lived Facebook user token → about 60 days.</summary>
    private static async Task<IResult> FacebookExchangeAsync(HttpContext http, GraphParameters parameters) =>
        await GraphJsonAsync(http, async _ =>
        {
            Require(parameters, "client_id", "client_secret", "fb_exchange_token");
            var apps = http.RequestServices.GetRequiredService<AppDirectory>();
            var app = await apps.FindAsync(parameters["client_id"], http.RequestAborted)
                ?? throw GraphErrors.InvalidParameter("Error validating application. Invalid application ID.");
            if (!apps.SecretMatches(app, parameters["client_secret"]))
            {
                throw new GraphException(new GraphError(1, "Error validating client secret.") { Type = "OAuthException" });
            }

            var current = await http.RequestServices.GetRequiredService<TokenService>().ValidateAsync(parameters["fb_exchange_token"]!, http.RequestAborted);
            if (current.Flavour != TokenFlavour.Facebook || current.AppId != app.Id || current.Kind == TokenKind.App)
            {
                throw GraphErrors.InvalidParameter("The fb_exchange_token must be a Facebook user access token of this app");
            }

            return await IssueLongLivedAsync(http, current, includePermissions: false);
        }, parameters);

    /// <summary>grant_type=client_credentials: the app access token, "{app-id}|{app-secret}".</summary>
    private static async Task<IResult> AppTokenAsync(HttpContext http, GraphParameters parameters) =>
        await GraphJsonAsync(http, async _ =>
        {
            Require(parameters, "client_id", "client_secret");
            var apps = http.RequestServices.GetRequiredService<AppDirectory>();
            var app = await apps.FindAsync(parameters["client_id"], http.RequestAborted)
                ?? throw GraphErrors.InvalidParameter("Error validating application. Invalid application ID.");
            if (!apps.SecretMatches(app, parameters["client_secret"]))
            {
                throw new GraphException(new GraphError(1, "Error validating client secret.") { Type = "OAuthException" });
            }

            return Json(w =>
            {
                w.WriteString("access_token", TokenText.AppToken(app.Id, apps.SecretOf(app)));
                w.WriteString("token_type", "bearer");
            });
        }, parameters);

    private static async Task<IResult> GraphJsonAsync(HttpContext http, Func<GraphParameters, Task<IResult>> body, GraphParameters? parameters = null)
    {
        try
        {
            parameters ??= await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
            return await body(parameters);
        }
        catch (GraphException e)
        {
            return GraphResponses.Error(e.Error);
        }
    }

    private static void Require(GraphParameters parameters, params string[] names)
    {
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(parameters[name]))
            {
                throw GraphErrors.InvalidParameter($"Missing required parameter: {name}");
            }
        }
    }

    private static Exception Problem(bool facebookStyle, string message) =>
        facebookStyle ? GraphErrors.InvalidParameter(message) : new InstagramOAuthException(message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A JSON object whose members <paramref name="write"/> writes.</summary>
    private static IResult Json(Action<Utf8JsonWriter> write) => GraphResponses.Json(w =>
    {
        w.WriteStartObject();
        write(w);
        w.WriteEndObject();
    });
}
