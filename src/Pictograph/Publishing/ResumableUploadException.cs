namespace Pictograph.Publishing;

/// <summary>
/// A refused upload request, answered in rupload's <c>debug_info</c> shape rather than the Graph envelope.
/// <paramref name="retriable"/> says whether the same request may succeed later (another upload held the
/// container, the connection broke).
/// </summary>
public sealed class ResumableUploadException(int httpStatus, string message, bool retriable = false) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    public bool Retriable { get; } = retriable;
}
