using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Hosting;
using Pictograph.Jobs;
using Pictograph.Nodes;

namespace Pictograph.Publishing;

/// <summary>
/// <c>POST /{ig-user-id}/media</c>: checks the parameters as Instagram does, stores a container and queues
/// its processing job in the same commit. Fetching and checking the media happen in the background; the
/// answer is the container id at once.
/// </summary>
public static class ContainerCreation
{
    private const int MaxCaption = 2200;
    private const int MaxHashtags = 30;
    private const int MaxMentions = 20;
    private const int MaxAltText = 1000;
    private const int MaxCollaborators = 3;
    private const int MaxUrl = 2048;
    private const long Day = 86_400;

    public static async Task<MutationResult> CreateAsync(Account user, GraphArguments arguments, GraphContext context)
    {
        var db = context.Db();
        var cancellationToken = context.CancellationToken;
        var options = context.Services.GetRequiredService<IOptions<PictographOptions>>().Value;
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();

        var resumable = Resumable(arguments, context.Caller().Token.Flavour);
        var container = new MediaContainer
        {
            OwnerId = user.Id,
            AppId = context.Caller().Token.AppId,
            Kind = KindOf(arguments["media_type"], arguments),
            IsCarouselItem = arguments.Boolean("is_carousel_item") ?? false,
            State = ContainerState.InProgress,
            CreatedAt = now,
        };
        var kind = container.Kind;
        var item = container.IsCarouselItem;
        if (item && kind is not (ContainerKind.Image or ContainerKind.Video))
        {
            throw GraphErrors.InvalidParameter($"is_carousel_item is only supported for images and videos, not {arguments["media_type"]}");
        }

        if (resumable && !(kind is ContainerKind.Reels or ContainerKind.Stories || (kind == ContainerKind.Video && item)))
        {
            throw GraphErrors.InvalidParameter("upload_type=resumable works with media_type REELS, STORIES, or VIDEO with is_carousel_item=true");
        }

        container.IsResumable = resumable;
        container.ImageUrl = resumable ? null : Url(arguments, "image_url");
        container.VideoUrl = Url(arguments, "video_url");
        switch (kind)
        {
            case not ContainerKind.Image when resumable:
                break;
            case ContainerKind.Image when container.ImageUrl is null:
                throw GraphErrors.InvalidParameter("The parameter image_url is required");
            case ContainerKind.Video or ContainerKind.Reels when container.VideoUrl is null:
                throw GraphErrors.InvalidParameter("The parameter video_url is required");
            case ContainerKind.Stories when (container.ImageUrl is null) == (container.VideoUrl is null):
                throw GraphErrors.InvalidParameter("A story needs exactly one of image_url or video_url");
            case ContainerKind.Image:
                container.VideoUrl = null;
                break;
            case ContainerKind.Video or ContainerKind.Reels:
                container.ImageUrl = null;
                break;
        }

        var isVideo = resumable || kind is ContainerKind.Video or ContainerKind.Reels || (kind == ContainerKind.Stories && container.VideoUrl is not null);
        if (!item)
        {
            container.Caption = Caption(arguments["caption"]);
            container.LocationId = await LocationAsync(arguments, db, cancellationToken).ConfigureAwait(false);
        }

        if (arguments["alt_text"] is { Length: > 0 } alt)
        {
            if (isVideo || kind is ContainerKind.Stories or ContainerKind.Carousel)
            {
                throw GraphErrors.InvalidParameter("alt_text is only supported for images");
            }

            container.AltText = alt.Length <= MaxAltText ? alt : throw GraphErrors.InvalidParameter($"alt_text must be at most {MaxAltText} characters");
        }

        if (kind != ContainerKind.Carousel)
        {
            var tags = await UserTags.ParseAsync(arguments["user_tags"], positionsRequired: !isVideo && kind != ContainerKind.Stories, db, cancellationToken).ConfigureAwait(false);
            container.UserTags = tags.Count > 0 ? UserTags.Serialize(tags) : null;
        }

        container.Collaborators = await CollaboratorsAsync(arguments, kind, item, db, cancellationToken).ConfigureAwait(false);
        if (isVideo)
        {
            container.ThumbOffsetMs = ThumbOffset(arguments["thumb_offset"]);
            container.CoverUrl = Url(arguments, "cover_url");
        }

        if (kind == ContainerKind.Reels)
        {
            container.ShareToFeed = arguments.Boolean("share_to_feed") ?? true;
            container.AudioName = arguments["audio_name"] is { Length: > 0 } audio
                ? audio.Length <= 200 ? audio : throw GraphErrors.InvalidParameter("audio_name must be at most 200 characters")
                : null;
        }

        var children = kind == ContainerKind.Carousel ? await ChildrenAsync(arguments, user.Id, now, db, cancellationToken).ConfigureAwait(false) : null;
        container.Children = children is null ? null : string.Join(',', children.Select(c => c.ToString(CultureInfo.InvariantCulture)));

        var created = await db.Containers.AsNoTracking().CountAsync(c => c.OwnerId == user.Id && c.CreatedAt > now - Day, cancellationToken).ConfigureAwait(false);
        if (created >= options.ContainersPerDay)
        {
            throw PublishingErrors.ContainerQuotaReached(options.ContainersPerDay);
        }

        var ids = context.Services.GetRequiredService<IdAllocator>();
        container.Id = await ids.NextAsync(NodeKind.Container, cancellationToken).ConfigureAwait(false);
        container.MediaId = await ids.NextAsync(NodeKind.Media, cancellationToken).ConfigureAwait(false);
        db.Containers.Add(container);
        var queue = context.Services.GetRequiredService<JobQueue>();
        // A resumable container is processed once its last byte arrives (see ResumableUploads).
        if (kind != ContainerKind.Carousel && !resumable)
        {
            var start = context.Services.GetRequiredService<ProcessingMode>().StartOfNew();
            queue.Enqueue(db, ContainerProcessing.Kind, new ContainerProcessing.Payload(container.Id), start, container.OwnerId);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        queue.Wake();
        return resumable ? WithUploadUri(container.Id, context) : MutationResult.Created(container.Id);
    }

    /// <summary>
    /// <c>upload_type=resumable</c>: only Facebook Login takes the bytes at an upload endpoint; graph.instagram.com
    /// wants a <c>video_url</c> all the same (and then ignores the upload type).
    /// </summary>
    private static bool Resumable(GraphArguments arguments, TokenFlavour flavour)
    {
        var type = arguments["upload_type"]?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            return false;
        }

        if (!type.Equals("resumable", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphErrors.InvalidParameter("The parameter upload_type must be resumable");
        }

        var hasUrl = arguments["video_url"] is { Length: > 0 };
        if (flavour != TokenFlavour.Facebook)
        {
            return hasUrl ? false : throw GraphErrors.InvalidParameter("The parameter video_url is required");
        }

        return hasUrl
            ? throw GraphErrors.InvalidParameter("video_url cannot be given with upload_type=resumable: upload the file to the uri the container is created with")
            : true;
    }

    /// <summary><c>{"id","uri"}</c>: where the bytes go, on the origin and at the version the client used.</summary>
    private static MutationResult WithUploadUri(long containerId, GraphContext context)
    {
        var origins = context.Caller().Origins;
        // The paging base is "{origin}/{version}" for this request.
        var version = context.Links.BaseUrl[(origins.Self.Length + 1)..];
        return new MutationResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", GraphJson.Id(containerId));
            w.WriteString("uri", $"{origins.Upload}/ig-api-upload/{version}/{GraphJson.Id(containerId)}");
            w.WriteEndObject();
        });
    }

    private static ContainerKind KindOf(string? mediaType, GraphArguments arguments) => mediaType?.Trim().ToUpperInvariant() switch
    {
        null or "" when arguments["video_url"] is { Length: > 0 } && arguments["image_url"] is not { Length: > 0 } =>
            throw GraphErrors.InvalidParameter("The parameter media_type is required for a video: REELS, STORIES, or VIDEO for a carousel item"),
        null or "" or "IMAGE" => ContainerKind.Image,
        "VIDEO" => ContainerKind.Video,
        "REELS" => ContainerKind.Reels,
        "STORIES" => ContainerKind.Stories,
        "CAROUSEL" => ContainerKind.Carousel,
        _ => throw PublishingErrors.UnknownMediaType(mediaType),
    };

    private static string? Url(GraphArguments arguments, string name) => arguments[name]?.Trim() switch
    {
        null or "" => null,
        { Length: > MaxUrl } => throw GraphErrors.InvalidParameter($"{name} must be at most {MaxUrl} characters"),
        var url => url,
    };

    private static string? Caption(string? caption)
    {
        if (string.IsNullOrEmpty(caption))
        {
            return null;
        }

        if (caption.EnumerateRunes().Count() > MaxCaption)
        {
            throw PublishingErrors.CaptionTooLong($"The caption is longer than {MaxCaption} characters.");
        }

        if (TextEntities.Hashtags(caption).Count > MaxHashtags)
        {
            throw PublishingErrors.CaptionTooLong($"The caption has more than {MaxHashtags} hashtags.");
        }

        return TextEntities.Mentions(caption).Count > MaxMentions ? throw PublishingErrors.TooManyTags(MaxMentions) : caption;
    }

    /// <summary>A location is a Page with location data; every Page here stands for its place.</summary>
    private static async Task<long?> LocationAsync(GraphArguments arguments, PictographDb db, CancellationToken cancellationToken)
    {
        if (arguments["location_id"] is not { Length: > 0 } text)
        {
            return null;
        }

        var invalid = GraphErrors.InvalidParameter("The location_id is not a valid location (INSTAGRAM_PLATFORM_API__INVALID_LOCATION_ID)");
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw invalid;
        }

        return await db.Pages.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false) ? id : throw invalid;
    }

    private static async Task<string?> CollaboratorsAsync(GraphArguments arguments, ContainerKind kind, bool item, PictographDb db, CancellationToken cancellationToken)
    {
        var names = arguments.List("collaborators").Select(n => n.TrimStart('@').ToLowerInvariant()).Distinct().ToList();
        if (names.Count == 0)
        {
            return null;
        }

        if (item || kind == ContainerKind.Stories)
        {
            throw GraphErrors.InvalidParameter("collaborators are not supported for stories or carousel items");
        }

        if (names.Count > MaxCollaborators)
        {
            throw GraphErrors.InvalidParameter($"A post can have at most {MaxCollaborators} collaborators");
        }

        var known = await db.Accounts.AsNoTracking().Where(a => names.Contains(a.Username.ToLower())).Select(a => a.Username.ToLower()).ToListAsync(cancellationToken).ConfigureAwait(false);
        return names.FirstOrDefault(n => !known.Contains(n)) is { } missing
            ? throw GraphErrors.InvalidParameter($"The user with username {missing} does not exist and cannot be a collaborator")
            : string.Join(',', names);
    }

    private static long ThumbOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? ms
            : throw PublishingErrors.Create(1, 2207057, "Invalid thumbnail offset", "The thumbnail offset must be a number of milliseconds, at least 0 and less than the video's duration.");
    }

    /// <summary>The carousel's children: 2–10 of the caller's own unpublished, unexpired carousel-item containers.</summary>
    private static async Task<IReadOnlyList<long>> ChildrenAsync(GraphArguments arguments, long ownerId, long now, PictographDb db, CancellationToken cancellationToken)
    {
        var texts = arguments.List("children");
        if (texts.Count is < 2 or > 10)
        {
            throw PublishingErrors.CarouselSize(texts.Count);
        }

        var ids = new List<long>(texts.Count);
        foreach (var text in texts)
        {
            ids.Add(long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : throw GraphErrors.InvalidParameter($"Param children must be container ids; {text} is not one"));
        }

        if (ids.Distinct().Count() != ids.Count)
        {
            throw GraphErrors.InvalidParameter("A container can be in a carousel only once");
        }

        var found = await db.Containers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.OwnerId == ownerId).ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var child))
            {
                throw PublishingErrors.NotFound(id);
            }

            if (!child.IsCarouselItem)
            {
                throw GraphErrors.InvalidParameter($"The container {id} was not created as a carousel item (is_carousel_item=true)");
            }

            if (child.PublishedAt is not null || child.CreatedAt + Day <= now)
            {
                throw GraphErrors.InvalidParameter($"The container {id} is expired or already published");
            }
        }

        return ids;
    }
}
