namespace Pictograph.Data;

/// <summary>What a container was created to publish (its <c>media_type</c>, or an image when none was given).</summary>
public enum ContainerKind
{
    Image,
    Video,
    Reels,
    Stories,
    Carousel,
}

/// <summary>A container's stored state; EXPIRED is not stored, it is read from the clock (24 h after creation, unpublished).</summary>
public enum ContainerState
{
    InProgress,
    Finished,
    Error,
    Published,
}

/// <summary>A media container (IG Container): what an app asked to publish, its processing state and its processed files.</summary>
public sealed class MediaContainer
{
    public long Id { get; set; }

    public long OwnerId { get; set; }

    /// <summary>
    /// The id the published media will have, reserved at creation so processed files are stored under it
    /// once (their keys name the media) and publishing moves no bytes.
    /// </summary>
    public long MediaId { get; set; }

    /// <summary>The app whose token created it.</summary>
    public long AppId { get; set; }

    public ContainerKind Kind { get; set; }

    public bool IsCarouselItem { get; set; }

    public string? ImageUrl { get; set; }

    public string? VideoUrl { get; set; }

    /// <summary>Created with <c>upload_type=resumable</c>: the video arrives at the upload endpoint instead of from <see cref="VideoUrl"/>.</summary>
    public bool IsResumable { get; set; }

    /// <summary>The whole file's size in bytes, as the uploader declared it (<c>file_size</c>) or as fetched; null until known.</summary>
    public long? UploadFileSize { get; set; }

    /// <summary>
    /// Bytes received so far (<c>video_status.uploading_phase.bytes_transferred</c>), kept with the upload's
    /// file so a client resumes where it stopped, on any process; for a <see cref="VideoUrl"/> video, the
    /// size fetched, once processed.
    /// </summary>
    public long? UploadedBytes { get; set; }

    /// <summary>A video, from a URL or uploaded (a story's kind depends on which URL it came with).</summary>
    public bool IsVideo => VideoUrl is not null || IsResumable;

    public string? CoverUrl { get; set; }

    /// <summary>Milliseconds into the video for the thumbnail (thumb_offset).</summary>
    public long ThumbOffsetMs { get; set; }

    public bool ShareToFeed { get; set; } = true;

    public string? AudioName { get; set; }

    public string? Caption { get; set; }

    public string? AltText { get; set; }

    public long? LocationId { get; set; }

    /// <summary>User tags as a JSON array of {"username","x","y"} (normalised at creation).</summary>
    public string? UserTags { get; set; }

    /// <summary>Collaborator usernames, comma-separated.</summary>
    public string? Collaborators { get; set; }

    /// <summary>A carousel's child container ids, comma-separated, in order.</summary>
    public string? Children { get; set; }

    public ContainerState State { get; set; }

    /// <summary>For ERROR: the publishing error's code and subcode (e.g. 36001 / 2207005) and its message.</summary>
    public int? ErrorCode { get; set; }

    public int? ErrorSubcode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>What the processed file is (image or video); null until processing finished.</summary>
    public MediaType? FileType { get; set; }

    public string? FileKey { get; set; }

    public string? ThumbnailKey { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>Unix seconds.</summary>
    public long CreatedAt { get; set; }

    public long? FinishedAt { get; set; }

    /// <summary>Set once, by the publish that won; the media it created.</summary>
    public long? PublishedMediaId { get; set; }

    public long? PublishedAt { get; set; }
}

public enum JobState
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// A durable background job (media processing, webhook delivery, callbacks): claimed by one node at a
/// time under a lease, retried at <see cref="RunAt"/>, and found again after a crash when its lease runs out.
/// </summary>
public sealed class Job
{
    public long Id { get; set; }

    /// <summary>Which handler runs it, e.g. "publishing.process".</summary>
    public required string Kind { get; set; }

    /// <summary>The handler's input, JSON.</summary>
    public required string Payload { get; set; }

    public JobState State { get; set; }

    /// <summary>Unix milliseconds: not claimed before this.</summary>
    public long RunAt { get; set; }

    /// <summary>How many times it was claimed.</summary>
    public int Attempts { get; set; }

    /// <summary>The node holding it, until <see cref="LeaseUntil"/> (unix ms); an expired lease is free to take.</summary>
    public string? LeaseOwner { get; set; }

    public long? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>The account the job works for, if any: at most <c>JobsPerAccount</c> of one account's jobs run at once, on all nodes together.</summary>
    public long? AccountId { get; set; }

    public long CreatedAt { get; set; }

    public long? FinishedAt { get; set; }
}
