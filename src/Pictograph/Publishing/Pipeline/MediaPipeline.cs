using System.Globalization;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Impersonation;
using Pictograph.Net;

namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Fetches the media a publishing client points at, checks it against Instagram's specs and produces what is
/// stored: a 1080-wide metadata-free JPEG, or a faststart MP4 (stream copy, no transcoding) with a JPEG
/// thumbnail. Input problems surface only as <see cref="PublishingException"/>. Thread-safe singleton.
/// </summary>
public sealed partial class MediaPipeline : IDisposable
{
    private readonly PipelineOptions _options;
    private readonly HttpClient _client;
    private readonly MediaFetcher _fetcher;
    private readonly JpegProcessor _jpeg;
    private readonly VideoProbe _probe;
    private readonly TempFiles _temp;
    private readonly ILogger<MediaPipeline> _logger;

    public MediaPipeline(IOptions<PipelineOptions> options, IOptions<PictographOptions> pictograph, OwnHosts own, ILogger<MediaPipeline> logger)
    {
        // Every picture is processed once: libvips' operation cache would only hold memory.
        NetVips.Cache.Max = 0;
        _options = options.Value;
        NetVips.NetVips.Concurrency = _options.ImageThreads; // libvips' default is one thread per core, each with its buffers
        _logger = logger;
        _temp = new TempFiles(_options);
        _client = SafeHttp.CreateClient(new AddressPolicy(pictograph.Value.OutboundAllowList), _options.ConnectTimeout, _options.FetchTimeout, own);
        _fetcher = new MediaFetcher(_client, _options, _temp);
        _jpeg = new JpegProcessor(_options);
        _probe = new VideoProbe(_options);
    }

    /// <summary>An <c>image_url</c> (or a reel's <c>cover_url</c> with <see cref="ImagePurpose.Cover"/>) as a processed JPEG.</summary>
    public async Task<ProcessedMedia> ProcessImageAsync(string imageUrl, ImagePurpose purpose, CancellationToken cancellationToken)
    {
        var destination = _temp.NewPath(".jpg");
        var (width, height) = await ImageToFileAsync(imageUrl, purpose, destination, cancellationToken).ConfigureAwait(false);
        return new ProcessedMedia(MediaType.Image, destination, null, width, height, null);
    }

    /// <summary>The largest video file accepted for <paramref name="purpose"/>.</summary>
    public long MaxVideoBytes(VideoPurpose purpose) => purpose == VideoPurpose.Story ? _options.MaxStoryVideoBytes : _options.MaxVideoBytes;

    /// <summary>
    /// A <c>video_url</c> as a faststart MP4 plus a thumbnail: the <paramref name="coverUrl"/> picture when
    /// given (null or empty: none), else the frame at <paramref name="thumbOffsetMs"/>, which is checked
    /// against the duration either way.
    /// </summary>
    public async Task<ProcessedMedia> ProcessVideoAsync(string videoUrl, VideoPurpose purpose, long thumbOffsetMs, string? coverUrl, CancellationToken cancellationToken)
    {
        var source = await FetchVideoAsync(videoUrl, purpose, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessVideoFileAsync(source, purpose, thumbOffsetMs, coverUrl, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TempFiles.Delete(source);
        }
    }

    /// <summary>Downloads a video URL (a <c>file_url</c> of a resumable upload too) into a temporary file the caller deletes.</summary>
    public Task<string> FetchVideoAsync(string videoUrl, VideoPurpose purpose, CancellationToken cancellationToken)
    {
        var maxBytes = MaxVideoBytes(purpose);
        return _fetcher.FetchAsync(videoUrl, maxBytes, () => MediaErrors.UnsupportedVideo($"The file must be at most {maxBytes} bytes."), cancellationToken);
    }

    /// <summary>
    /// A video file already here (a finished resumable upload, a download) as <see cref="ProcessVideoAsync"/>
    /// makes it; the source file is left where it is.
    /// </summary>
    public async Task<ProcessedMedia> ProcessVideoFileAsync(string source, VideoPurpose purpose, long thumbOffsetMs, string? coverUrl, CancellationToken cancellationToken)
    {
        var video = _temp.NewPath(".mp4");
        var thumbnail = _temp.NewPath(".jpg");
        try
        {
            if (new FileInfo(source).Length > MaxVideoBytes(purpose))
            {
                throw MediaErrors.UnsupportedVideo($"The file must be at most {MaxVideoBytes(purpose)} bytes.");
            }

            if (ContentSniffer.Sniff(source) != MediaKind.IsoVideo)
            {
                throw MediaErrors.UnsupportedVideo("Only MP4 and MOV files are accepted.");
            }

            var info = await _probe.ProbeAsync(source, cancellationToken).ConfigureAwait(false);
            var stream = VideoRules.Check(info, purpose);
            var duration = info.DurationSeconds!.Value;
            if (thumbOffsetMs < 0 || thumbOffsetMs >= duration * 1000)
            {
                throw MediaErrors.ThumbnailOffset(thumbOffsetMs, duration);
            }

            if (!string.IsNullOrEmpty(coverUrl))
            {
                await ImageToFileAsync(coverUrl, ImagePurpose.Cover, thumbnail, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await FrameToFileAsync(source, thumbOffsetMs, thumbnail, cancellationToken).ConfigureAwait(false);
            }

            await RemuxAsync(source, info, video, cancellationToken).ConfigureAwait(false);
            return new ProcessedMedia(MediaType.Video, video, thumbnail, stream.Width, stream.Height, duration) { SourceBytes = new FileInfo(source).Length };
        }
        catch
        {
            TempFiles.Delete(video);
            TempFiles.Delete(thumbnail);
            throw;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _jpeg.Dispose();
        _temp.Dispose();
    }

    private async Task<(int Width, int Height)> ImageToFileAsync(string url, ImagePurpose purpose, string destination, CancellationToken cancellationToken)
    {
        var source = await _fetcher.FetchAsync(url, _options.MaxImageBytes,
            () => MediaErrors.ImageTooLarge($"It should be at most {_options.MaxImageBytes} bytes."), cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested(); // libvips cannot be interrupted: last chance
            switch (ContentSniffer.Sniff(source))
            {
                case MediaKind.Jpeg:
                    return await _jpeg.ProcessAsync(source, purpose, destination, cancellationToken).ConfigureAwait(false);
                case MediaKind.Unknown:
                    throw MediaErrors.NotMedia();
                default:
                    throw MediaErrors.UnsupportedImage();
            }
        }
        finally
        {
            TempFiles.Delete(source);
        }
    }

    /// <summary>The frame at the offset, through the same JPEG processing as a cover picture.</summary>
    private async Task FrameToFileAsync(string source, long offsetMs, string destination, CancellationToken cancellationToken)
    {
        var frame = _temp.NewPath(".frame.jpg");
        try
        {
            var seek = (offsetMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
            await FfmpegAsync([.. FfmpegArguments.LocalInput(source, "-ss", seek), "-frames:v", "1", "-update", "1", "-q:v", "2", "-f", "image2", "file:" + frame], cancellationToken).ConfigureAwait(false);
            if (!File.Exists(frame) || new FileInfo(frame).Length == 0)
            {
                // An offset inside the last frame's duration can seek past every frame: take the last one.
                await FfmpegAsync([.. FfmpegArguments.LocalInput(source, "-sseof", "-1"), "-update", "1", "-q:v", "2", "-f", "image2", "file:" + frame], cancellationToken).ConfigureAwait(false);
            }

            await _jpeg.ProcessAsync(frame, ImagePurpose.Cover, destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TempFiles.Delete(frame);
        }
    }

    /// <summary>Stream copy into a faststart MP4, keeping the checked video and audio streams and no metadata.</summary>
    private Task RemuxAsync(string source, VideoInfo info, string destination, CancellationToken cancellationToken)
    {
        List<string> arguments = [.. FfmpegArguments.LocalInput(source), "-map", $"0:{info.Video!.Index}"];
        if (info.Audio is { } audio)
        {
            arguments.AddRange(["-map", $"0:{audio.Index}"]);
        }

        arguments.AddRange(["-c", "copy", "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart"]);
        if (info.Video.Codec == "hevc")
        {
            arguments.AddRange(["-tag:v", "hvc1"]); // the tag Apple players need for HEVC in MP4
        }

        arguments.AddRange(["-f", "mp4", "file:" + destination]);
        return FfmpegAsync(arguments, cancellationToken);
    }

    private async Task FfmpegAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ExternalProcess.Outcome outcome;
        try
        {
            outcome = await ExternalProcess.RunAsync(_options.FfmpegPath, ["-nostdin", "-y", .. arguments], _options.ProcessTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw MediaErrors.UnsupportedVideo($"The video could not be processed within {_options.ProcessTimeout.TotalSeconds:0} s.");
        }

        if (outcome.ExitCode != 0)
        {
            LogFfmpegFailed(outcome.ExitCode, outcome.Errors);
            throw MediaErrors.UnsupportedVideo("The video could not be read to the end.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ffmpeg exited with {ExitCode} on a video to publish: {Errors}")]
    private partial void LogFfmpegFailed(int exitCode, string errors);
}
