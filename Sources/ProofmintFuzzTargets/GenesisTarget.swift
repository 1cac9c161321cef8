import ProofmintCore

/// `Genesis.parse` (what `proofmintd init` reads) and, for a file it accepts, the genesis block and state it
/// implies, as `init` computes them next.
enum GenesisTarget {
    static func check(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let genesis = try? Genesis.parse(json: bytes) else { return .refused }
        do {
            _ = try genesis.genesisBlock()
        } catch {
            throw FuzzFailure(.genesis, "a genesis file that parses has no genesis block: \(error)")
        }
        return .accepted
    }
}
