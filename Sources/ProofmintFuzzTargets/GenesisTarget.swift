import ProofmintCore

/// `Genesis.parse(file:)` (what `init`, `import`, `replay` and `audit` read: the JSON form or a fork genesis file with
/// its state dump, PROTOCOL.md §10.6) and, for a file it accepts, the genesis block and state it implies.
enum GenesisTarget {
    static func check(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let genesis = try? Genesis.parse(file: bytes) else { return .refused }
        // Building the block cannot fail; a trap here (an overflow, an out-of-range index) is what the fuzzer finds.
        _ = genesis.genesisBlock()
        return .accepted
    }
}
