using NetVips;

namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Turns an untrusted JPEG into what Instagram serves: checked from its header before any pixel is decoded,
/// rotated upright, sRGB, 320–1080 pixels wide, baseline quality 85, without any metadata.
/// </summary>
internal sealed class JpegProcessor(PipelineOptions options) : IDisposable
{
    public const int MinWidth = 320;
    public const int MaxWidth = 1080;
    public const double MinFeedAspectRatio = 0.8;
    public const double MaxFeedAspectRatio = 1.91;
    private const int Quality = 85;

    /// <summary>libvips' largest coordinate: "no limit" for the height of the thumbnail box.</summary>
    private const int Unbounded = 10_000_000;

    /// <summary>Tolerance so that exactly 4:5 and 1.91:1 pass despite integer pixel sizes.</summary>
    private const double AspectSlack = 0.001;

    private const long MiB = 1024 * 1024;

    /// <summary>
    /// What a decode takes besides any coefficients: measured 14–18 MB for a 4000 × 3000 to 7000 × 7000 JPEG
    /// shrunk while decoding with 2 threads, each further libvips thread adding up to 9 MB.
    /// </summary>
    private const int WorkingSetMegabytes = 8;

    private const int ThreadMegabytes = 10;

    /// <summary>Coefficients of a frame whose segments could not be read: 4 components (CMYK) at full resolution.</summary>
    private const int WorstCaseCoefficientBytesPerPixel = 4 * sizeof(short);

    private readonly DecodeBudget _budget = new(options.DecodeMemoryMegabytes);

    /// <summary>Writes the processed picture to <paramref name="destination"/> and returns its size.</summary>
    public async Task<(int Width, int Height)> ProcessAsync(string source, ImagePurpose purpose, string destination, CancellationToken cancellationToken)
    {
        var markers = JpegMarkers.Read(source);
        if (markers.IsMultiPictureOrStereo)
        {
            throw MediaErrors.UnsupportedImage("MPO and JPS pictures are not accepted.");
        }

        var (width, height) = UprightSize(source);
        if (purpose is ImagePurpose.Feed or ImagePurpose.CarouselItem)
        {
            var ratio = (double)width / height;
            if (ratio < MinFeedAspectRatio - AspectSlack || ratio > MaxFeedAspectRatio + AspectSlack)
            {
                throw MediaErrors.AspectRatio(width, height);
            }
        }

        var targetWidth = Math.Clamp(width, MinWidth, MaxWidth);
        if ((double)targetWidth * height / width * targetWidth > options.MaxImagePixels)
        {
            throw MediaErrors.ImageTooLarge($"Scaled to {targetWidth} pixels wide it would have more than {options.MaxImagePixels} pixels.");
        }

        var share = DecodeMegabytes(markers.Frame, width, height);
        if (share > _budget.Megabytes)
        {
            throw MediaErrors.ImageTooLarge($"Decoding it would take about {share} MiB (progressive JPEGs are decoded whole); at most {_budget.Megabytes} MiB are set aside for decoding.");
        }

        using var lease = await _budget.AcquireAsync(share, cancellationToken).ConfigureAwait(false);
        try
        {
            return Decode(source, targetWidth, destination);
        }
        finally
        {
            NativeHeap.Trim();
        }
    }

    public void Dispose() => _budget.Dispose();

    /// <summary>MiB of the decode budget a picture takes: its coefficients, if it is held whole, and the working set.</summary>
    private int DecodeMegabytes(JpegFrame? frame, int width, int height)
    {
        var coefficients = frame?.CoefficientBytes() ?? (long)width * height * WorstCaseCoefficientBytesPerPixel;
        return (int)((coefficients + MiB - 1) / MiB) + WorkingSetMegabytes + (ThreadMegabytes * options.ImageThreads);
    }

    private static (int Width, int Height) Decode(string source, int targetWidth, string destination)
    {
        try
        {
            // Thumbnail shrinks while decoding (libjpeg's DCT scaling) and applies the EXIF orientation. The
            // export profile makes it convert through an embedded profile (Display P3, CMYK…) to sRGB; files
            // without one are taken as sRGB and not transformed. FailOn.Warning turns a truncated or corrupt
            // file into an exception instead of grey pixels: libjpeg reports entropy data that ends before the
            // picture does (a header claiming more pixels than the data holds) only as a warning.
            using var thumbnail = Image.Thumbnail(source, targetWidth, height: Unbounded, size: Enums.Size.Both,
                outputProfile: "srgb", failOn: Enums.FailOn.Warning);
            using var srgb = thumbnail.Interpretation == Enums.Interpretation.Srgb ? thumbnail.Copy() : thumbnail.Colourspace(Enums.Interpretation.Srgb);
            srgb.Jpegsave(destination, q: Quality, optimizeCoding: true, interlace: false, keep: Enums.ForeignKeep.None);
            return (srgb.Width, srgb.Height);
        }
        catch (VipsException)
        {
            TempFiles.Delete(destination);
            throw MediaErrors.UnsupportedImage("The JPEG data is corrupt or truncated.");
        }
    }

    /// <summary>The size as displayed, from the header alone; refuses a picture claiming too many pixels.</summary>
    private (int Width, int Height) UprightSize(string source)
    {
        Image header;
        try
        {
            header = Image.NewFromFile(source, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException)
        {
            throw MediaErrors.UnsupportedImage("The file is not a readable JPEG.");
        }

        using (header)
        {
            if ((string)header.Get("vips-loader") != "jpegload")
            {
                throw MediaErrors.UnsupportedImage("The file is not a JPEG.");
            }

            var (width, height) = (header.Width, header.Height);
            if ((long)width * height > options.MaxImagePixels)
            {
                throw MediaErrors.ImageTooLarge($"It claims {width}×{height} pixels; at most {options.MaxImagePixels} pixels are accepted.");
            }

            // Orientations 5–8 turn the picture a quarter, so it displays height × width.
            var orientation = header.GetTypeOf("orientation") != IntPtr.Zero ? (int)header.Get("orientation") : 1;
            return orientation is >= 5 and <= 8 ? (height, width) : (width, height);
        }
    }
}
