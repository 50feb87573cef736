namespace Pictograph.Media;

/// <summary>Where media bytes live, addressed by <see cref="MediaKey"/> keys.</summary>
public interface IMediaStore
{
    /// <summary>Stores (or replaces) the object; readers never see a partly written one.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading (seekable, caller disposes); null when absent or the key is invalid.</summary>
    Task<MediaObject?> OpenAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the object; an absent object or an invalid key is nothing to do.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every stored key (snapshots carry them all), in no particular order.</summary>
    IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken);
}

public sealed record MediaObject(Stream Content, long Length, string ContentType, DateTimeOffset LastModified);
