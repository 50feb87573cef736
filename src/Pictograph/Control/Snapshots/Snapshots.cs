using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Jobs;

namespace Pictograph.Control.Snapshots;

/// <summary>
/// Snapshots kept by name in <c>{data}/snapshots/{name}.zip</c>, the baseline a reset returns to, and the one
/// gate that keeps snapshots, restores and resets from interleaving. Every archive is written to a temporary
/// file in the same folder and renamed over the old one, so a snapshot that fails halfway never destroys the
/// last good copy. The temporary file carries this node's name (<see cref="NodeIdentity"/>), so the node's next
/// life can tell the files its killed predecessor left from those another running process is writing.
/// </summary>
public sealed partial class Snapshots(IOptions<PictographOptions> options, StateWriter writer, StateRestorer restorer, NodeIdentity node)
{
    /// <summary>The state right after the fixture (or the demo world) was loaded; not a valid snapshot name.</summary>
    private const string BaselineFile = "_fixture.zip";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public sealed record SnapshotInfo(string Name, long Bytes, string SavedAt);

    private string Folder => Path.Combine(options.Value.DataDirectory, "snapshots");

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public bool HasBaseline => File.Exists(Path.Combine(Folder, BaselineFile));

    public IReadOnlyList<SnapshotInfo> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(Folder).EnumerateFiles("*.zip")
            .Where(f => IsValidName(Path.GetFileNameWithoutExtension(f.Name)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new SnapshotInfo(Path.GetFileNameWithoutExtension(f.Name), f.Length, f.LastWriteTimeUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>The path of a kept snapshot, or null when there is none by that name.</summary>
    public string? PathOf(string name) => IsValidName(name) && File.Exists(Path.Combine(Folder, name + ".zip")) ? Path.Combine(Folder, name + ".zip") : null;

    public Task<StateArchive.Manifest> SaveAsync(string name, CancellationToken cancellationToken) =>
        GatedAsync(() => WriteFileAsync(name + ".zip", cancellationToken), cancellationToken);

    /// <summary>Records the current state as what a reset returns to (after a fixture or the demo world is loaded).</summary>
    public Task<StateArchive.Manifest> SaveBaselineAsync(CancellationToken cancellationToken) =>
        GatedAsync(() => WriteFileAsync(BaselineFile, cancellationToken), cancellationToken);

    /// <summary>Writes the current state to <paramref name="output"/> (a download).</summary>
    public Task<StateArchive.Manifest> WriteAsync(Stream output, CancellationToken cancellationToken) =>
        GatedAsync(() => writer.WriteAsync(output, cancellationToken), cancellationToken);

    /// <summary>Keeps an uploaded archive by name, after checking that it can be opened as one.</summary>
    public async Task UploadAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        OwnerOnlyFiles.CreateDirectory(Folder);
        var temp = TemporaryPath(name + ".zip");
        try
        {
            await using (var file = CreateOwnerOnly(temp))
            {
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var zip = ZipFile.OpenRead(temp);
                if (zip.GetEntry(StateArchive.ManifestEntry) is null)
                {
                    throw new ArchiveRefusedException(["it has no manifest.json: it is not a Pictograph snapshot"]);
                }
            }
            catch (InvalidDataException e)
            {
                throw new ArchiveRefusedException([$"it is not a zip archive ({e.Message})"]);
            }

            File.Move(temp, Path.Combine(Folder, name + ".zip"), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Deletes the temporary files this node's previous life left when it was killed while writing an archive.</summary>
    public void SweepLeftovers()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(Folder, $".*.{node.Id}.*.tmp"))
        {
            File.Delete(path);
        }
    }

    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (path is null)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Replaces the state with a kept snapshot's; false when there is none by that name.</summary>
    public Task<bool> RestoreAsync(string name, CancellationToken cancellationToken) =>
        PathOf(name) is { } path ? GatedAsync(() => RestoreFileAsync(path, cancellationToken), cancellationToken) : Task.FromResult(false);

    /// <summary>Back to the baseline; false when no fixture was ever loaded into this data directory.</summary>
    public Task<bool> ResetToBaselineAsync(CancellationToken cancellationToken) =>
        HasBaseline ? GatedAsync(() => RestoreFileAsync(Path.Combine(Folder, BaselineFile), cancellationToken), cancellationToken) : Task.FromResult(false);

    /// <summary>Empties every table and removes every media file.</summary>
    public Task ResetToEmptyAsync(CancellationToken cancellationToken) =>
        GatedAsync(
            async () =>
            {
                using var empty = new MemoryStream();
                using (var zip = new ZipArchive(empty, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var entry = zip.CreateEntry(StateArchive.ManifestEntry);
                    await using var stream = entry.Open();
                    await System.Text.Json.JsonSerializer.SerializeAsync(stream, new StateArchive.Manifest(StateArchive.FormatVersion, "", "", new Dictionary<string, long>(), 0, 0), StateValues.Json, cancellationToken).ConfigureAwait(false);
                }

                empty.Position = 0;
                using var archive = new ZipArchive(empty, ZipArchiveMode.Read);
                await restorer.RestoreAsync(archive, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private async Task<bool> RestoreFileAsync(string path, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new ArchiveRefusedException([$"it is not a zip archive ({e.Message})"]);
        }

        using (zip)
        {
            await restorer.RestoreAsync(zip, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<StateArchive.Manifest> WriteFileAsync(string fileName, CancellationToken cancellationToken)
    {
        OwnerOnlyFiles.CreateDirectory(Folder);
        var temp = TemporaryPath(fileName);
        try
        {
            StateArchive.Manifest manifest;
            await using (var file = CreateOwnerOnly(temp))
            {
                manifest = await writer.WriteAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, Path.Combine(Folder, fileName), overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string TemporaryPath(string fileName) => Path.Combine(Folder, $".{fileName}.{node.Id}.{Guid.NewGuid():N}.tmp");

    /// <summary>Archives hold token hashes and the (encrypted) app secrets: the owner's alone, like the database.</summary>
    private static FileStream CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private async Task<T> GatedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();
}
