import ProofmintWallet

extension SnapshotView {
    /// The lines `dev snapshot`, `dev snapshots` and `dev delete-snapshot` print for one snapshot.
    var rows: [(String, String)] {
        [("height", String(height)), ("block hash", blockHash.hex), ("state root", stateRoot.hex)]
    }
}
