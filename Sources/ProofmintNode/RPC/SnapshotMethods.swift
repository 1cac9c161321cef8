import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// The devnet snapshot methods (`pm_snapshot`, `pm_revert`, `pm_listSnapshots`, `pm_deleteSnapshot`): control
/// methods, and refused on a chain that is not a devnet (`Node.devnet`, error -32008).
extension RPCMethods {
    func snapshot(_ params: SnapshotNameParams) async throws(RPCErrorObject) -> SnapshotView {
        try requireDevnet(.snapshot)
        do {
            return Self.view(try await node.takeSnapshot(named: params.name))
        } catch {
            throw Self.snapshotError(error)
        }
    }

    func revert(_ params: SnapshotNameParams) async throws(RPCErrorObject) -> RevertResult {
        try requireDevnet(.revert)
        do {
            let (outcome, dropped) = try await node.revert(to: params.name)
            let header = outcome.header
            return RevertResult(
                height: header.height, blockHash: header.hash, stateRoot: header.stateRoot, droppedTransactions: UInt64(dropped),
                revertedBlocks: outcome.revertedBlocks, forgottenSnapshots: outcome.forgottenSnapshots)
        } catch {
            throw Self.snapshotError(error)
        }
    }

    func listSnapshots() throws(RPCErrorObject) -> SnapshotsResult {
        try requireDevnet(.listSnapshots)
        do {
            let footprint = try store.undoFootprint()
            return SnapshotsResult(
                snapshots: try store.snapshots().map(Self.view), undoRecords: UInt64(footprint.records), undoBytes: UInt64(footprint.bytes))
        } catch {
            throw Self.snapshotError(.storage(error))
        }
    }

    func deleteSnapshot(_ params: SnapshotNameParams) throws(RPCErrorObject) -> SnapshotView {
        try requireDevnet(.deleteSnapshot)
        do {
            return Self.view(try store.deleteSnapshot(named: params.name))
        } catch {
            throw Self.snapshotError(.storage(error))
        }
    }

    private func requireDevnet(_ method: RPCMethod) throws(RPCErrorObject) {
        guard node.devnet != nil else {
            throw .notADevnet("\(method.rawValue) rewrites the chain's history: \(NodeError.notADevnet(chainId: node.chainId))")
        }
    }

    private static func view(_ snapshot: ChainSnapshot) -> SnapshotView {
        SnapshotView(name: snapshot.name, height: snapshot.height, blockHash: snapshot.blockHash, stateRoot: snapshot.stateRoot)
    }

    /// A bad name is the caller's (-32602), an unknown one not found (-32002); a refused revert changed nothing (-32603).
    private static func snapshotError(_ error: NodeError) -> RPCErrorObject {
        switch error {
        case .storage(.invalidSnapshotName): return .invalidParams(error.description)
        case .storage(.unknownSnapshot): return .notFound(error.description)
        case .storage(.cannotRevert): return .internalError(error.description)
        default: return rpcError(for: error)
        }
    }
}
