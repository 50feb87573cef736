using System.ComponentModel.DataAnnotations;

namespace Pictograph.Publishing.Pipeline;

/// <summary>Limits of the media pipeline, bound from "Pictograph:Publishing". Defaults follow Instagram's media specs.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pictograph:Publishing";

    private const long MiB = 1024 * 1024;

    /// <summary>Longest a whole download (redirects, headers and body) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Instagram refuses images over 8 MiB.</summary>
    [Range(typeof(long), "1", "1073741824")]
    public long MaxImageBytes { get; set; } = 8 * MiB;

    [Range(typeof(long), "1", "10737418240")]
    public long MaxVideoBytes { get; set; } = 300 * MiB;

    [Range(typeof(long), "1", "10737418240")]
    public long MaxStoryVideoBytes { get; set; } = 100 * MiB;

    /// <summary>
    /// Width × height an image's header may claim; checked before any pixel is decoded, so a small file that
    /// claims a huge picture (a decompression bomb) is refused. 50 megapixels lets any phone photo through.
    /// </summary>
    [Range(typeof(long), "1", "1000000000")]
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>
    /// MiB the image decodes running at once may take together, estimated from each JPEG's header: a
    /// baseline JPEG is shrunk while it is decoded (tens of MiB whatever its size), a progressive one is held
    /// whole as DCT coefficients (a 7000 × 7000 one needs 147–294 MB). A decode waits for its share; a
    /// picture that alone needs more is refused as too large. With the default the server stays under 300 MB.
    /// </summary>
    [Range(16, 65536)]
    public int DecodeMemoryMegabytes { get; set; } = 96;

    /// <summary>libvips' worker threads per picture; each adds memory to every decode.</summary>
    [Range(1, 64)]
    public int ImageThreads { get; set; } = 2;

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Longest one ffprobe or ffmpeg run may take before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Folder for downloads and processed files; empty means a "pictograph-media" folder in the system's temporary folder.</summary>
    public string? TempDirectory { get; set; }
}
