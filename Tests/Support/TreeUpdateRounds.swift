import ProofmintCore

/// Random rounds of state-tree updates over a fixed set of keys, for the stores' property tests: each round gives new
/// value hashes to up to `perRound` distinct keys and deletes about a third of those it picks that are present.
/// Reproducible from its seed.
public struct TreeUpdateRounds {
    private var random: SplitMix64
    private let keys: Int
    private let perRound: Int
    /// The keys (by index) that hold a value after the rounds so far.
    public private(set) var present = Set<Int>()

    public init(seed: UInt64, keys: Int, perRound: Int) {
        random = SplitMix64(seed: seed)
        self.keys = keys
        self.perRound = perRound
    }

    /// The key hash of key `index`.
    public static func key(_ index: Int) -> Hash32 { Hash32.digest(Array("tree test key \(index)".utf8)) }

    /// The next round's updates, at most one a key.
    public mutating func next() -> [StateTree.Update] {
        var updates = [StateTree.Update]()
        var touched = Set<Int>()
        for _ in 0..<Int(1 + random.next() % UInt64(perRound)) {
            let index = Int(random.next() % UInt64(keys))
            guard touched.insert(index).inserted else { continue }
            let delete = present.contains(index) && random.next() % 3 == 0
            if delete { present.remove(index) } else { present.insert(index) }
            let value = Self.key(keys + Int(random.next() % 1_000))
            updates.append(StateTree.Update(key: Self.key(index), valueHash: delete ? nil : value))
        }
        return updates
    }

    /// Updates that delete every key present, in key-index order.
    public mutating func deleteAll() -> [StateTree.Update] {
        defer { present.removeAll() }
        return present.sorted().map { StateTree.Update(key: Self.key($0), valueHash: nil) }
    }
}
