namespace Pictograph.Data;

/// <summary>
/// Ids look like Instagram's (e.g. accounts 1784140000000…, 17 digits) and carry their kind:
/// id = (base(kind) + sequence) × 100 + kind.
/// </summary>
public static class NodeIds
{
    private const long LegacyOffset = 50_000_000_000;

    public static long Compose(NodeKind kind, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return checked((Base(kind) + sequence) * 100 + (int)kind);
    }

    /// <summary>
    /// The object's number in the legacy Instagram API (IG User <c>ig_id</c>, <c>legacy_instagram_*_id</c>): the
    /// id's sequence and kind after a fixed offset, so it is unique per object, looks like an Instagram user pk
    /// (11 digits) and stays far below 2^53, where JavaScript would round a JSON number.
    /// </summary>
    public static long Legacy(long id)
    {
        var kind = KindOf(id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Not a node id.");
        return LegacyOffset + ((id / 100) - Base(kind)) * 100 + (int)kind;
    }

    public static NodeKind? KindOf(long id)
    {
        if (id <= 0)
        {
            return null;
        }

        var kind = (NodeKind)(int)(id % 100);
        return Enum.IsDefined(kind) && id / 100 >= Base(kind) ? kind : null;
    }

    private static long Base(NodeKind kind) => kind switch
    {
        NodeKind.Account => 178_414_000_000_000,
        NodeKind.Media => 179_000_000_000_000,
        NodeKind.Comment => 178_700_000_000_000,
        NodeKind.App => 10_000_000_000_000,
        NodeKind.Container => 178_890_000_000_000,
        NodeKind.Hashtag => 178_438_000_000_000,
        NodeKind.Page => 1_000_000_000_000,
        NodeKind.FacebookUser => 100_000_000_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
