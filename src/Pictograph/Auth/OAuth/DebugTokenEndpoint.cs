using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.GraphApi;

namespace Pictograph.Auth.OAuth;

/// <summary>
/// <c>GET /debug_token?input_token=…&amp;access_token=…</c>: what a token is, for its app's own use (the
/// caller's token must be an app token or a user token of the same app).
/// </summary>
public static class DebugTokenEndpoint
{
    public static IEndpointRouteBuilder MapDebugToken(this IEndpointRouteBuilder app)
    {
        app.MapGet("/debug_token", (Delegate)HandleAsync).ShortCircuit();
        app.MapGet("/{version:apiversion}/debug_token", (Delegate)HandleAsync).ShortCircuit();
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
            return GraphResponses.Json(w => Write(w, state, app, now));
        }
        catch (GraphException e)
        {
            return GraphResponses.Error(e.Error);
        }
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, TokenState state, App? app, DateTimeOffset now)
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
