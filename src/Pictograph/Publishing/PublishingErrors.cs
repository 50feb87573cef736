using Pictograph.Graph.Errors;

namespace Pictograph.Publishing;

/// <summary>
/// Instagram's content-publishing errors (all HTTP 400): the code and subcode clients switch on, with a
/// user title and message in Instagram's words where they are documented.
/// </summary>
public static class PublishingErrors
{
    public static GraphException Create(int code, int subcode, string title, string message, bool transient = false) =>
        new(new GraphError(code, message)
        {
            Subcode = subcode,
            IsTransient = transient,
            UserTitle = title,
            UserMessage = message,
        });

    public static GraphException UnknownMediaType(string type) =>
        Create(100, 2207023, "Unknown media type", $"The media type {type} is unknown.");

    public static GraphException CarouselSize(int count) =>
        Create(100, 2207028, "Carousel validation failed", $"A carousel needs between 2 and 10 photos or videos; {count} were given.");

    public static GraphException CaptionTooLong(string why) =>
        Create(36004, 2207010, "Caption too long", why);

    public static GraphException TooManyTags(int max) =>
        Create(100, 2207040, "Too many tags", $"You cannot use more than {max} @-tags per media.");

    public static GraphException NotFound(long containerId) =>
        Create(24, 2207006, "Media not found", $"The media with id {containerId} cannot be found.");

    public static GraphException NotReady(string why) =>
        Create(9007, 2207027, "Media ID is not available", why);

    public static GraphException Expired() =>
        Create(-2, 2207020, "Media expired", "The media has expired; upload it again in a new container.", transient: false);

    public static GraphException QuotaReached(int quota) =>
        Create(9, 2207042, "Maximum posts reached", $"The account has reached the maximum of {quota} posts allowed through the API in 24 hours.");

    public static GraphException ContainerQuotaReached(int quota) =>
        Create(9, 2207042, "Maximum containers reached", $"The account has reached the maximum of {quota} media containers created in 24 hours.");
}
