using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Publishing;

/// <summary>The status codes of IG Container's <c>status_code</c>.</summary>
public enum ContainerStatus
{
    InProgress,
    Finished,
    Published,
    Error,
    Expired,
}

/// <summary>
/// A container with its status as the API reports it now: EXPIRED 24 hours after creation unless
/// published, and a carousel's taken from its children (an error or expiry in one is the carousel's).
/// </summary>
/// <param name="Children">A FINISHED carousel's children in their order (what publishing turns into album items); otherwise empty.</param>
public sealed record ContainerView(MediaContainer Container, ContainerStatus Status, MediaContainer? FailedChild, IReadOnlyList<MediaContainer> Children)
{
    public const long Lifetime = 86_400;

    public static ContainerStatus StatusOf(MediaContainer container, long now) => container switch
    {
        { State: ContainerState.Published } => ContainerStatus.Published,
        _ when container.CreatedAt + Lifetime <= now => ContainerStatus.Expired,
        { State: ContainerState.Error } => ContainerStatus.Error,
        { State: ContainerState.Finished } => ContainerStatus.Finished,
        _ => ContainerStatus.InProgress,
    };

    /// <summary>Views of the given containers, their carousels' children loaded in one query.</summary>
    public static async Task<IReadOnlyList<ContainerView>> ForAsync(IReadOnlyList<MediaContainer> containers, PictographDb db, long now, CancellationToken cancellationToken)
    {
        var childIds = containers.Where(c => c.Kind == ContainerKind.Carousel && c.State != ContainerState.Published)
            .SelectMany(ChildIds).Distinct().ToList();
        var children = childIds.Count == 0
            ? new Dictionary<long, MediaContainer>()
            : await db.Containers.AsNoTracking().Where(c => childIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        return [.. containers.Select(c => Of(c, children, now))];
    }

    public static IEnumerable<long> ChildIds(MediaContainer carousel) =>
        (carousel.Children ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse);

    private static ContainerView Of(MediaContainer container, IReadOnlyDictionary<long, MediaContainer> children, long now)
    {
        var own = StatusOf(container, now);
        if (container.Kind != ContainerKind.Carousel || own is ContainerStatus.Published or ContainerStatus.Expired)
        {
            return new ContainerView(container, own, null, []);
        }

        var statuses = ChildIds(container).Select(id => children.TryGetValue(id, out var child) ? (child, StatusOf(child, now)) : (null, ContainerStatus.Error)).ToList();
        if (statuses.FirstOrDefault(s => s.Item2 == ContainerStatus.Error) is { Item2: ContainerStatus.Error } failed)
        {
            return new ContainerView(container, ContainerStatus.Error, failed.Item1, []);
        }

        if (statuses.Any(s => s.Item2 is ContainerStatus.Expired or ContainerStatus.Published))
        {
            return new ContainerView(container, ContainerStatus.Expired, null, []);
        }

        return statuses.All(s => s.Item2 == ContainerStatus.Finished)
            ? new ContainerView(container, ContainerStatus.Finished, null, [.. statuses.Select(s => s.Item1!)])
            : new ContainerView(container, ContainerStatus.InProgress, null, []);
    }

    /// <summary>The <c>status_code</c> text.</summary>
    public string Code => Status switch
    {
        ContainerStatus.InProgress => "IN_PROGRESS",
        ContainerStatus.Finished => "FINISHED",
        ContainerStatus.Published => "PUBLISHED",
        ContainerStatus.Error => "ERROR",
        _ => "EXPIRED",
    };

    /// <summary>The <c>status</c> text, in Instagram's words; an error names its subcode.</summary>
    public string Description => Status switch
    {
        ContainerStatus.InProgress => "In Progress: Media is still being processed.",
        ContainerStatus.Finished => "Finished: Media has been uploaded and it is complete.",
        ContainerStatus.Published => "Published: Media has been published.",
        ContainerStatus.Error => $"Error: Media upload has failed with error code {(FailedChild ?? Container).ErrorSubcode ?? 2207001}",
        _ => "Expired: Media was not published within 24 hours.",
    };
}
