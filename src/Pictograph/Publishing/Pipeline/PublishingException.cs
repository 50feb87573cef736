namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// A publishing failure with Instagram's code and subcode (reference §6.4), e.g. (36001, 2207005) for an
/// unsupported image format. <see cref="Exception.Message"/> is the user message; the container's status
/// and the error envelope report it as Instagram does.
/// </summary>
public sealed class PublishingException(int code, int subcode, string title, string message, bool isTransient = false) : Exception(message)
{
    public int Code { get; } = code;

    public int Subcode { get; } = subcode;

    /// <summary>The <c>error_user_title</c>.</summary>
    public string UserTitle { get; } = title;

    /// <summary>Whether trying again later may succeed (<c>is_transient</c>).</summary>
    public bool IsTransient { get; } = isTransient;
}
