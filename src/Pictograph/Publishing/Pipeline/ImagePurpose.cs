namespace Pictograph.Publishing.Pipeline;

/// <summary>What an image is published as; feed and carousel images have an aspect-ratio limit, the others not.</summary>
public enum ImagePurpose
{
    Feed,
    CarouselItem,
    Story,

    /// <summary>A reel's <c>cover_url</c> image.</summary>
    Cover,
}
