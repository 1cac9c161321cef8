import ProofmintCore

/// The next nonce of each sender in the block being built: its committed nonce, plus one for each transaction it
/// already has in the block. Synthetic senders sign several transactions a block without waiting for a commit.
struct NonceBook {
    private var next: [Address: UInt64] = [:]

    /// The nonce to sign with now; `committed` reads the sender's nonce from the state the first time.
    mutating func take<E: Error>(for address: Address, committed: () throws(E) -> UInt64) throws(E) -> UInt64 {
        let nonce: UInt64
        if let known = next[address] {
            nonce = known
        } else {
            nonce = try committed()
        }
        next[address] = nonce + 1
        return nonce
    }

    mutating func reset() { next.removeAll(keepingCapacity: true) }
}
