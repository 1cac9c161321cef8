import ProofmintCore
import ProofmintStorage

/// The one place that decides whether this node's chain is a devnet, on which the devnet tools (snapshots and revert)
/// may rewrite history. Refusing elsewhere keeps a `--dev-control` flag left on a real chain's node from letting a
/// caller throw blocks away.
enum DevnetGuard {
    /// Whether the chain in `store` is a devnet.
    // TODO(lead): return `Genesis.isDevnet` of the store's genesis (genesis JSON `"devnet": true`, and every fork
    // genesis) once it lands on main; until then every chain counts as a devnet and `--dev-control` alone guards.
    static func isDevnet(_ store: ChainStore) -> Bool {
        true
    }
}
