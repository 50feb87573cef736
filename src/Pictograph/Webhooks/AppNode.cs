using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Graph.Schema;
using Pictograph.GraphApi.Versions;
using Pictograph.Nodes;

namespace Pictograph.Webhooks;

/// <summary>
/// The app node, <c>/{app-id}</c>, as far as webhooks need it: <c>GET|POST|DELETE /{app-id}/subscriptions</c>.
/// Only an app token reaches it, and only its own app (other tokens get the usual "does not exist"); the
/// node itself is not readable (and <c>/me</c> with an app token is Graph's 2500: there is no user).
/// </summary>
public static class AppNode
{
    public static NodeType<App> Create() =>
        new NodeType<App>("Application", id: null)
            .LoadedBy(LoadAsync)
            .Unavailable("id", (_, _) => NotReadable())
            .OnGet("subscriptions", ListAsync)
            .OnPost("subscriptions", SubscribeAsync)
            .OnDelete("subscriptions", UnsubscribeAsync);

    private static async Task<IReadOnlyDictionary<long, App>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context)
    {
        var own = context.Caller().Token.AppId;
        return await context.Db().Apps.AsNoTracking()
            .Where(a => a.Id == own && ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, context.CancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<MutationResult> ListAsync(App app, GraphArguments arguments, GraphContext context)
    {
        var subscription = await WebhookSubscriptions.FindAsync(context.Db(), app.Id, context.CancellationToken).ConfigureAwait(false);
        var version = context.Services.GetRequiredService<ApiVersions>().Serve(null);
        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            if (subscription is not null)
            {
                w.WriteStartObject();
                w.WriteString("object", subscription.Object);
                w.WriteString("callback_url", subscription.CallbackUrl);
                w.WriteBoolean("active", subscription.Active);
                w.WriteStartArray("fields");
                foreach (var field in WebhookFields.Stored(subscription.Fields))
                {
                    w.WriteStartObject();
                    w.WriteString("name", field);
                    w.WriteString("version", version);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>object</c>, <c>callback_url</c>, <c>fields</c>, <c>verify_token</c> (and <c>include_values</c>, always true here): verified, then saved.</summary>
    private static async Task<MutationResult> SubscribeAsync(App app, GraphArguments arguments, GraphContext context)
    {
        RequireInstagramObject(arguments);
        var (fields, problem) = WebhookFields.Parse(arguments.Required("fields"), "fields");
        if (problem is not null)
        {
            throw GraphErrors.InvalidParameter(problem);
        }

        var request = new SubscriptionRequest(arguments.Required("callback_url"), arguments.Required("verify_token"), fields);
        var subscriptions = context.Services.GetRequiredService<WebhookSubscriptions>();
        if (await subscriptions.SubscribeAsync(context.Db(), app.Id, request, merge: true, context.CancellationToken).ConfigureAwait(false) is { } refused)
        {
            throw new GraphException(new GraphError(refused.Code, refused.Message));
        }

        return MutationResult.Success;
    }

    /// <summary>Without <c>fields</c> the whole subscription goes; with them, those fields only.</summary>
    private static async Task<MutationResult> UnsubscribeAsync(App app, GraphArguments arguments, GraphContext context)
    {
        if (arguments["object"] is not null)
        {
            RequireInstagramObject(arguments);
        }

        var (fields, problem) = WebhookFields.Parse(arguments["fields"], "fields");
        if (problem is not null)
        {
            throw GraphErrors.InvalidParameter(problem);
        }

        await context.Services.GetRequiredService<WebhookSubscriptions>().UnsubscribeAsync(context.Db(), app.Id, fields, context.CancellationToken).ConfigureAwait(false);
        return MutationResult.Success;
    }

    private static GraphException NotReadable() =>
        new(new GraphError(100, "Unsupported get request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
        {
            Type = "GraphMethodException",
            Subcode = 33,
        });

    /// <summary>Only Instagram's object is served here (not page, user, permissions…).</summary>
    private static void RequireInstagramObject(GraphArguments arguments)
    {
        if (arguments.Required("object") != WebhookFields.Object)
        {
            throw GraphErrors.InvalidParameter($"Param object must be one of {{{WebhookFields.Object}}} - got \"{Excerpt(arguments["object"]!)}\"");
        }
    }

    private static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
