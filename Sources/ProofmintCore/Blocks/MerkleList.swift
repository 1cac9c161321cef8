/// The Merkle root of an ordered list (RFC 6962 shape): commits to every item and its position.
/// Empty list → zero hash; leaf = `H(0x00 ‖ item hash)`; node = `H(0x01 ‖ left ‖ right)`, split at the
/// largest power of two below the count.
public enum MerkleList {
    public static func root(_ items: [Hash32]) -> Hash32 {
        if items.isEmpty { return .zero }
        return subtree(items[...])
    }

    private static func subtree(_ items: ArraySlice<Hash32>) -> Hash32 {
        if items.count == 1 { return Hash32.digest(parts: [[0x00], items[items.startIndex].bytes]) }
        var split = 1
        while split * 2 < items.count { split *= 2 }
        let middle = items.startIndex + split
        return Hash32.digest(parts: [[0x01], subtree(items[..<middle]).bytes, subtree(items[middle...]).bytes])
    }
}
