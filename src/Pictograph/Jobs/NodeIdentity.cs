using System.Text;

namespace Pictograph.Jobs;

/// <summary>
/// This node's name in job leases, the same across restarts: a leased job whose owner is this node's name,
/// found at start, was left by this node's previous life and is free at once. The names live in the data
/// directory as numbered slot files; a process holds its slot's file open under an OS lock for as long as it
/// runs, so processes sharing one directory take different slots, and a killed process's slot (the OS
/// drops the lock with the process) goes to the next process that starts there.
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    /// <summary>More processes than this on one data directory is a mistake, not a deployment.</summary>
    private const int MaxSlots = 256;

    private readonly FileStream _slot;

    private NodeIdentity(FileStream slot, string id)
    {
        _slot = slot;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Takes the first free slot under <paramref name="dataDirectory"/>, naming it on first use.</summary>
    public static NodeIdentity Acquire(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "nodes");
        Data.OwnerOnlyFiles.CreateDirectory(dataDirectory);
        Data.OwnerOnlyFiles.CreateDirectory(folder);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            FileStream file;
            try
            {
                file = new FileStream(Path.Combine(folder, $"{slot}.id"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // a running process holds it
            }

            return new NodeIdentity(file, ReadOrName(file));
        }

        throw new InvalidOperationException($"All {MaxSlots} node slots in {folder} are held by running processes.");
    }

    public void Dispose() => _slot.Dispose();

    private static string ReadOrName(FileStream file)
    {
        using var reader = new StreamReader(file, Encoding.ASCII, leaveOpen: true);
        var id = reader.ReadToEnd().Trim();
        if (id.Length > 0)
        {
            return id;
        }

        id = Guid.NewGuid().ToString("N");
        file.SetLength(0);
        file.Write(Encoding.ASCII.GetBytes(id));
        file.Flush(flushToDisk: true);
        return id;
    }
}
