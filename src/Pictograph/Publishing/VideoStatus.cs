using System.Text.Json;
using Pictograph.Data;

namespace Pictograph.Publishing;

/// <summary>One phase of <c>video_status</c>: not_started, in_progress, complete or error (with its errors).</summary>
public sealed record VideoPhase(string Status, long? BytesTransferred = null, int? ErrorCode = null, string? ErrorMessage = null);

/// <summary>
/// A video container's <c>video_status</c> (IGResumableVideoUploadStatus): how far the bytes have come
/// (an upload's chunks, or a <c>video_url</c> fetched) and whether processing ran. A failed phase names the
/// container's error by its subcode.
/// </summary>
public sealed record VideoStatus(VideoPhase Uploading, VideoPhase Processing)
{
    private const string NotStarted = "not_started";
    private const string InProgress = "in_progress";
    private const string Complete = "complete";
    private const string Failed = "error";

    /// <summary>Refusals of a <c>video_url</c> that happen while fetching it: the upload failed, processing never began.</summary>
    private static readonly int[] FetchSubcodes = [2207003, 2207052];

    /// <summary>Null for containers that are not videos (photos, carousels).</summary>
    public static VideoStatus? Of(MediaContainer container)
    {
        if (!container.IsVideo)
        {
            return null;
        }

        var received = container.UploadedBytes ?? 0;
        var uploaded = new VideoPhase(Complete, received);
        switch (container.State)
        {
            case ContainerState.Finished or ContainerState.Published:
                return new VideoStatus(uploaded, new VideoPhase(Complete));
            case ContainerState.Error when !container.IsResumable && FetchSubcodes.Contains(container.ErrorSubcode ?? 0):
                return new VideoStatus(Error(container, received), new VideoPhase(NotStarted));
            case ContainerState.Error:
                return new VideoStatus(uploaded, Error(container, null));
        }

        if (!container.IsResumable)
        {
            // Fetching and processing run as one job: the upload is in progress until it ends.
            return new VideoStatus(new VideoPhase(InProgress, 0), new VideoPhase(NotStarted));
        }

        if (container.UploadFileSize is { } size && received == size)
        {
            return new VideoStatus(uploaded, new VideoPhase(InProgress));
        }

        return new VideoStatus(new VideoPhase(container.UploadFileSize is null ? NotStarted : InProgress, received), new VideoPhase(NotStarted));
    }

    private static VideoPhase Error(MediaContainer container, long? received) =>
        new(Failed, received, container.ErrorSubcode ?? 2207001, container.ErrorMessage ?? "The video could not be processed.");

    public static void Write(Utf8JsonWriter writer, VideoStatus status)
    {
        writer.WriteStartObject();
        WritePhase(writer, "uploading_phase", status.Uploading);
        WritePhase(writer, "processing_phase", status.Processing);
        writer.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter writer, string name, VideoPhase phase)
    {
        writer.WriteStartObject(name);
        writer.WriteString("status", phase.Status);
        if (phase.BytesTransferred is { } bytes)
        {
            writer.WriteNumber("bytes_transferred", bytes);
        }

        if (phase.ErrorCode is { } code)
        {
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("message", phase.ErrorMessage);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
