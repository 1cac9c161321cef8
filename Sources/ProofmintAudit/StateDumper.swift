import ProofmintCore
import ProofmintStorage

/// Takes a `StateDump` of a node's store at a height. The store keeps only the head's state, so the head is read
/// from one snapshot (consistent while the node commits blocks) and an earlier height is re-executed from genesis
/// with `ChainReplayer`, the same checked path as `proofmintd replay`.
public struct StateDumper {
    public let store: ChainStore

    public init(store: ChainStore) { self.store = store }

    /// The state after block `height` (default: the head as of the snapshot). Its entries must rebuild that
    /// block's state root, or the dump is refused (a damaged store).
    public func dump(at height: UInt64? = nil) throws -> StateDump {
        let (headHeight, headEntries) = try store.withSnapshot { snapshot in
            let head = try snapshot.height()
            return (head, height == nil || height == head ? try snapshot.entries(withPrefix: []) : nil)
        }
        let target = height ?? headHeight
        guard target <= headHeight else { throw StateDumpError("cannot be taken at height \(target): the head is \(headHeight)") }
        let entries = try headEntries.map { $0.map { StateDump.Entry(key: $0.key, value: $0.value) } } ?? replayedEntries(at: target)
        guard let header = try store.block(at: target)?.header else { throw StateDumpError("cannot be taken: block \(target) is missing") }
        let dump = StateDump(
            chainId: header.chainId, height: target, blockHash: header.hash, blockTime: header.timestamp, stateRoot: header.stateRoot,
            entries: entries)
        let root = try dump.computedRoot()
        guard root == header.stateRoot else {
            throw StateDumpError("of height \(target) builds root \(root.hex), not the block's \(header.stateRoot.hex): run `proofmintd inspect --verify`")
        }
        return dump
    }

    /// Replays blocks 1…height+1 and keeps the state block height+1 is applied to (the state after `height`).
    private func replayedEntries(at height: UInt64) throws -> [StateDump.Entry] {
        guard let genesisFile = try store.genesisFile() else { throw StateDumpError("cannot be taken: the store holds no genesis file") }
        var next: UInt64 = 0
        var captured: [StateDump.Entry]?
        let report = try ChainReplayer(haltAt: height + 1).replay(
            genesisFile: genesisFile,
            next: {
                next += 1
                return next <= height + 1 ? try store.block(at: next) : nil
            },
            observe: { block, _, state in
                if block.height == height + 1 { captured = state.values.map { StateDump.Entry(key: $0.key, value: $0.value) } }
            })
        if let mismatch = report.mismatch { throw StateDumpError("replay stopped at block \(mismatch.height): \(mismatch.reason)") }
        guard let captured else { throw StateDumpError("replay did not reach height \(height)") }
        return captured
    }
}
