using Pictograph.Data;

namespace Pictograph.Publishing.Pipeline;

/// <summary>A processed image or video in temporary files, ready to be stored; disposing deletes the files.</summary>
public sealed class ProcessedMedia : IDisposable
{
    internal ProcessedMedia(MediaType type, string filePath, string? thumbnailPath, int width, int height, double? durationSeconds)
    {
        Type = type;
        FilePath = filePath;
        ThumbnailPath = thumbnailPath;
        Width = width;
        Height = height;
        DurationSeconds = durationSeconds;
    }

    /// <summary><see cref="MediaType.Image"/> or <see cref="MediaType.Video"/>.</summary>
    public MediaType Type { get; }

    /// <summary>A baseline JPEG (images) or a faststart MP4 (videos).</summary>
    public string FilePath { get; }

    /// <summary>A JPEG of the cover or of the frame at the thumbnail offset; videos only.</summary>
    public string? ThumbnailPath { get; }

    /// <summary>Pixels as displayed: after EXIF rotation for images, after the rotation matrix for videos.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Videos only.</summary>
    public double? DurationSeconds { get; }

    /// <summary>Videos only: the size of the file as it arrived, before remuxing.</summary>
    public long? SourceBytes { get; init; }

    public void Dispose()
    {
        TempFiles.Delete(FilePath);
        TempFiles.Delete(ThumbnailPath);
    }
}
