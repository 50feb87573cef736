namespace Pictograph.Publishing.Pipeline;

/// <summary>What a video is published as; stories have a shorter duration and a smaller file size limit.</summary>
public enum VideoPurpose
{
    Feed,
    CarouselItem,
    Reels,
    Story,
}
