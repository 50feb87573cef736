using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;
using Pictograph.Nodes.Facebook;
using Pictograph.Impersonation;

namespace Pictograph.Auth.OAuth;

/// <summary>
/// <c>GET /debug_token?input_token=…&amp;access_token=…</c>: what a token is, for its app's own use (the
/// caller's token must be the app's token or a token of one of its administrators or developers).
/// </summary>
public static class DebugTokenEndpoint
{
    public static IEndpointRouteBuilder MapDebugToken(this IEndpointRouteBuilder app)
    {
        app.MapGet("/debug_token", (Delegate)HandleAsync).ShortCircuit().ServedOn(MetaHost.GraphFacebook, MetaHost.GraphVideo);
        app.MapGet("/{version:apiversion}/debug_token", (Delegate)HandleAsync).ShortCircuit().ServedOn(MetaHost.GraphFacebook, MetaHost.GraphVideo);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http)
    {
        try
        {
            var parameters = await GraphParameters.ReadAsync(http.Request, http.RequestAborted);
            var tokens = http.RequestServices.GetRequiredService<TokenService>();
            var callerText = parameters.AccessToken(http.Request) is { Length: > 0 } given ? given : throw AuthErrors.Missing(forMe: false);
            var caller = await tokens.ValidateAsync(callerText, http.RequestAborted);
            if (!await MayInspectAsync(http, caller))
            {
                throw GraphErrors.InvalidParameter("You must provide an app access token, or a user access token that is an owner or developer of the app");
            }

            var input = parameters["input_token"];
            if (string.IsNullOrEmpty(input))
            {
                throw GraphErrors.InvalidParameter("The parameter input_token is required");
            }

            var state = await tokens.InspectAsync(input, http.RequestAborted);
            if (state.Info is { } info && info.AppId != caller.AppId)
            {
                throw GraphErrors.InvalidParameter("The App_id in the input_token did not match the Viewing App");
            }

            var apps = http.RequestServices.GetRequiredService<AppDirectory>();
            var app = await apps.FindAsync(state.Info?.AppId ?? caller.AppId, http.RequestAborted);
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var targets = await TargetsAsync(http, state.Info);
            return GraphResponses.Json(w => Write(w, state, app, targets, now));
        }
        catch (GraphException e)
        {
            return GraphResponses.Error(e.Error);
        }
    }

    /// <summary>
    /// As on Meta: the app itself (its app token) or a person who develops it (an administrator's or developer's
    /// token, a Page token they obtained included). Testers and other users may not read other people's tokens.
    /// </summary>
    private static async Task<bool> MayInspectAsync(HttpContext http, TokenInfo caller)
    {
        if (caller.Kind == TokenKind.App)
        {
            return true;
        }

        var person = caller.Kind == TokenKind.Page ? caller.OnBehalfOfId : caller.SubjectId;
        return await http.RequestServices.GetRequiredService<PictographDb>().AppRoles.AsNoTracking()
            .AnyAsync(r => r.AppId == caller.AppId && r.PersonId == person && (r.Role == AppRoleKind.Administrator || r.Role == AppRoleKind.Developer), http.RequestAborted);
    }

    /// <summary>What a Facebook Login token was granted on: the Pages it acts for and their Instagram accounts.</summary>
    private sealed record Targets(IReadOnlyList<long> Pages, IReadOnlyList<long> InstagramAccounts)
    {
        public static readonly Targets None = new([], []);

        /// <summary>
        /// As Meta's <c>granular_scopes</c> give them: Page permissions name the Pages, Instagram permissions the
        /// accounts; permissions that are not about one asset (public_profile, email…) name none.
        /// </summary>
        public IReadOnlyList<long> For(string scope) =>
            scope.StartsWith("pages_", StringComparison.Ordinal) ? Pages
            : scope.StartsWith("instagram_", StringComparison.Ordinal) ? InstagramAccounts
            : [];
    }

    private static async Task<Targets> TargetsAsync(HttpContext http, TokenInfo? info)
    {
        if (info is not { Flavour: TokenFlavour.Facebook } || info.Kind == TokenKind.App)
        {
            return Targets.None;
        }

        var pages = await ManagedAssets.Pages(http.RequestServices.GetRequiredService<PictographDb>(), info).AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.InstagramAccountId })
            .ToListAsync(http.RequestAborted);
        return new Targets(
            [.. pages.Select(p => p.Id)],
            [.. pages.Where(p => p.InstagramAccountId is not null).Select(p => p.InstagramAccountId!.Value)]);
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, TokenState state, App? app, Targets targets, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteStartObject("data");
        if (state.Info is not { } info)
        {
            w.WriteBoolean("is_valid", false);
            WriteError(w, 190, "Invalid OAuth access token - Cannot parse access token", null);
            w.WriteStartArray("scopes");
            w.WriteEndArray();
        }
        else
        {
            var expired = info.Expires && now.ToUnixTimeSeconds() >= info.ExpiresAt;
            w.WriteString("app_id", info.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("type", info.Kind switch
            {
                TokenKind.App => "APP",
                TokenKind.Page => "PAGE",
                _ => "USER",
            });
            w.WriteString("application", app?.Name ?? "");
            if (info.Kind != TokenKind.App)
            {
                w.WriteNumber("data_access_expires_at", info.IssuedAt + (long)TimeSpan.FromDays(90).TotalSeconds);
            }

            w.WriteNumber("expires_at", info.ExpiresAt);
            w.WriteBoolean("is_valid", state.RevokedBecause is null && !expired);
            if (state.RevokedBecause is { } reason)
            {
                var error = AuthErrors.Revoked(reason, info.AppId).Error;
                WriteError(w, error.Code, error.Message, error.Subcode);
            }
            else if (expired)
            {
                var error = AuthErrors.Expired(DateTimeOffset.FromUnixTimeSeconds(info.ExpiresAt), now).Error;
                WriteError(w, error.Code, error.Message, error.Subcode);
            }

            if (info.Kind != TokenKind.App)
            {
                w.WriteNumber("issued_at", info.IssuedAt);
            }

            var scopes = info.Scopes.Order(StringComparer.Ordinal).ToList();
            w.WriteStartArray("scopes");
            foreach (var scope in scopes)
            {
                w.WriteStringValue(scope);
            }

            w.WriteEndArray();
            w.WriteStartArray("granular_scopes");
            foreach (var scope in scopes)
            {
                w.WriteStartObject();
                w.WriteString("scope", scope);
                if (targets.For(scope) is { Count: > 0 } ids)
                {
                    w.WriteStartArray("target_ids");
                    foreach (var id in ids)
                    {
                        w.WriteStringValue(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (info.Kind == TokenKind.Page)
            {
                w.WriteString("profile_id", info.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (info.Kind != TokenKind.App)
            {
                var user = info.Kind == TokenKind.Page ? info.OnBehalfOfId : info.SubjectId;
                if (user is { } userId)
                {
                    w.WriteString("user_id", userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteError(System.Text.Json.Utf8JsonWriter w, int code, string message, int? subcode)
    {
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        if (subcode is { } s)
        {
            w.WriteNumber("subcode", s);
        }

        w.WriteEndObject();
    }
}
