using System.Buffers.Binary;
using System.Text;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Paging;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// Paging cursors. Input: <c>scope \n cursor text</c>. Reading any text answers false (or, through
/// <see cref="CursorCodec.Decode"/>, a (#100) <see cref="GraphException"/>) and nothing else; a key built from
/// the input's bytes survives encoding under its scope and is refused under any other.
/// </summary>
internal static class CursorTarget
{
    private static readonly CursorCodec Codec = new(Encoding.UTF8.GetBytes("pictograph-fuzz-cursor-key-32byt"));

    public static void Run(byte[] input)
    {
        var parts = Input.Parts(input, 2);
        var (scope, text) = (parts[0], parts[1]);
        var read = Codec.TryDecode(scope, text, out var decoded);
        try
        {
            if (Codec.Decode(scope, text, "after") != decoded || !read)
            {
                throw new InvalidOperationException("Decode and TryDecode disagree.");
            }
        }
        catch (GraphException) when (!read)
        {
        }

        if (input.Length < 20)
        {
            return;
        }

        var key = new CursorKey(
            BinaryPrimitives.ReadInt64BigEndian(input),
            BinaryPrimitives.ReadInt64BigEndian(input.AsSpan(8)),
            BinaryPrimitives.ReadInt32BigEndian(input.AsSpan(16)) & int.MaxValue);
        var encoded = Codec.Encode(scope, key);
        if (!Codec.TryDecode(scope, encoded, out var back) || back != key)
        {
            throw new InvalidOperationException($"The cursor {encoded} does not read back as {key}.");
        }

        if (Codec.TryDecode(scope + "/other", encoded, out _))
        {
            throw new InvalidOperationException($"The cursor {encoded} of scope \"{scope}\" is accepted for another scope.");
        }
    }
}
