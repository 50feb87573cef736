namespace Pictograph.Publishing.Pipeline;

/// <summary>Uniquely named files in the pipeline's working folder; nothing here outlives one processing run.</summary>
internal sealed class TempFiles(PipelineOptions options)
{
    private readonly string _folder = string.IsNullOrWhiteSpace(options.TempDirectory)
        ? Path.Combine(Path.GetTempPath(), "pictograph-media")
        : options.TempDirectory;

    /// <summary>A path for a new file (the file is not created).</summary>
    public string NewPath(string extension)
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>Best effort: a file that cannot be deleted now is left to the temporary folder's cleanup.</summary>
    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing better to do; the caller's outcome does not depend on it.
        }
    }
}
