namespace Pictograph.Data;

/// <summary>An app's webhook subscription for one object ("instagram"): callback, verify token and fields.</summary>
public sealed class WebhookSubscription
{
    public long AppId { get; set; }

    public required string Object { get; set; }

    public required string CallbackUrl { get; set; }

    public required string VerifyToken { get; set; }

    /// <summary>Subscribed fields, comma-separated (comments, mentions, story_insights…).</summary>
    public required string Fields { get; set; }

    public bool Active { get; set; } = true;

    public long UpdatedAt { get; set; }
}

/// <summary>An account has enabled an app's webhooks (<c>POST /{ig-user-id}/subscribed_apps</c>).</summary>
public sealed class AccountSubscription
{
    public long AccountId { get; set; }

    public long AppId { get; set; }

    /// <summary>Fields the account subscribed the app to, comma-separated.</summary>
    public required string Fields { get; set; }

    public long CreatedAt { get; set; }
}

public enum DeliveryState
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One webhook POST to an app's callback (a batch of changes), with its outcome.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long AppId { get; set; }

    public required string Object { get; set; }

    public required string Field { get; set; }

    /// <summary>The exact JSON body sent (and signed).</summary>
    public required string Payload { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    public long? DeliveredAt { get; set; }
}

/// <summary>One try of a delivery: HTTP status (null when none came back), latency and error.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long At { get; set; }

    public int? StatusCode { get; set; }

    public int LatencyMs { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// Something that happened to an account or media item that insights count: a view of a media file or
/// permalink (impression), a profile view, a website click, a save, a share, a follow or unfollow…
/// </summary>
public sealed class InsightEvent
{
    public long Id { get; set; }

    /// <summary>The account whose insights it counts in (the media's owner, the followed account).</summary>
    public long AccountId { get; set; }

    public long? MediaId { get; set; }

    /// <summary>Who did it, when known (reach counts distinct viewers).</summary>
    public long? ActorId { get; set; }

    /// <summary>What happened, e.g. "view", "profile_view", "website_click", "save", "share", "follow", "unfollow".</summary>
    public required string Kind { get; set; }

    /// <summary>A breakdown value where the kind has one (contact_button_type, story navigation action…).</summary>
    public string? Detail { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }
}
