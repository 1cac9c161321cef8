/// The Merkle root of an ordered list (RFC 6962 shape): commits to every item and its position.
/// Empty list → zero hash; leaf = `H(0x00 ‖ item hash)`; node = `H(0x01 ‖ left ‖ right)`, split at the
/// largest power of two below the count.
public enum MerkleList {
    public static func root(_ items: [Hash32]) -> Hash32 {
        if items.isEmpty { return .zero }
        return subtree(items[...])
    }

    /// Each hash is taken over a few bytes on the stack (`Hash32.digest(tag:…)`): a block's transaction and receipt
    /// roots hash ~40,000 times, and building the parts as arrays for a streaming hasher cost more than the hashing.
    private static func subtree(_ items: ArraySlice<Hash32>) -> Hash32 {
        if items.count == 1 { return Hash32.digest(tag: 0x00, items[items.startIndex]) }
        var split = 1
        while split * 2 < items.count { split *= 2 }
        let middle = items.startIndex + split
        return Hash32.digest(tag: 0x01, subtree(items[..<middle]), subtree(items[middle...]))
    }
}
