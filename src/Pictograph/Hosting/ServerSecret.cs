using System.Security.Cryptography;

namespace Pictograph.Hosting;

/// <summary>
/// The server's own key (signed media URLs, paging cursors). Kept in the data directory so every
/// restart and every node sharing that directory signs alike.
/// </summary>
public sealed class ServerSecret
{
    private const int KeyLength = 32;

    public ServerSecret(byte[] key)
    {
        if (key.Length < KeyLength)
        {
            throw new ArgumentException($"The server secret must be at least {KeyLength} bytes.", nameof(key));
        }

        Key = key;
    }

    public byte[] Key { get; }

    /// <summary>Reads data/secret.key, creating it with fresh random bytes on first start.</summary>
    public static ServerSecret LoadOrCreate(string dataDirectory)
    {
        Data.OwnerOnlyFiles.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "secret.key");
        if (File.Exists(path))
        {
            return new ServerSecret(File.ReadAllBytes(path));
        }

        var key = RandomNumberGenerator.GetBytes(KeyLength);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs so both sign alike.
            return new ServerSecret(File.ReadAllBytes(path));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new ServerSecret(key);
    }

    /// <summary>A sub-key per purpose, so a media signature can never pass as a cursor signature.</summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, KeyLength, info: System.Text.Encoding.UTF8.GetBytes(purpose));
}
