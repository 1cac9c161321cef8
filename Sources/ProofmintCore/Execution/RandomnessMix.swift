/// The randomness mix (state key `0x29`, protocol version 3): a running hash of every block's beacon.
///
/// mix_h = BLAKE2b-256("proofmint/mix/v1" ‖ mix_{h−1} ‖ beacon_h), mix_0 = 32 zero bytes (an absent key reads as zero).
/// A single beacon is unpredictable to everyone but its producer; the mix at height h + d folds in the beacons of every
/// producer of blocks h + 1 … h + d, so a value read there (compute sampling) is known in advance only to a coalition
/// of all of them. It is updated at the start of each block, before the first transaction, so transactions and the
/// end-of-block steps of block h all read the same mix_h.
///
/// Determinism: despite the name, nothing here draws from a random source, a clock or the environment. The mix is a
/// hash of the parent state's mix and the header's beacon, so it is part of the state root like any other record.
public enum RandomnessMix {
    /// The domain text hashed in front of every step; no other hash in the protocol starts with it.
    static let tag = Array("proofmint/mix/v1".utf8)

    /// The mix after a block with `beacon`, given the mix before it.
    public static func next(previous: Hash32, beacon: Hash32) -> Hash32 {
        Hash32.digest(parts: [tag, previous.bytes, beacon.bytes])
    }
}

extension StateOverlay {
    /// The current randomness mix: after the running block's beacon, once the block has begun.
    public func randomnessMix() throws(TransactionError) -> Hash32 {
        do { return try storedRandomnessMix() } catch { throw .stateUnreadable(error) }
    }

    /// Folds `beacon` into the mix: the first write of every block (`BlockExecution.begin`).
    mutating func advanceRandomnessMix(beacon: Hash32) throws(StateReadError) {
        let next = RandomnessMix.next(previous: try storedRandomnessMix(), beacon: beacon)
        set(.randomnessMix, next.bytes)
    }

    private func storedRandomnessMix() throws(StateReadError) -> Hash32 {
        guard let bytes = try value(for: .randomnessMix) else { return .zero }
        do { return try Hash32(bytes: bytes) } catch { throw StateReadError("stored \(StateKey.randomnessMix) does not decode: \(error)") }
    }
}
