/// Whether each key, in the order they are written, sorts after every key before it (and may be put with `MDB_APPEND`,
/// which fails for a key not greater than the table's last).
struct AscendingKeys<Key: Comparable> {
    private var greatest: Key?

    mutating func admit(_ key: Key) -> Bool {
        if let greatest, key <= greatest { return false }
        greatest = key
        return true
    }
}
