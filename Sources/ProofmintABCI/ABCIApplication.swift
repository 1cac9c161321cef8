import Foundation
import ProofmintABCIProto
import ProofmintCore
import ProofmintStorage

/// Proofmint as a CometBFT ABCI 2.0 application over a node home's store. Every request, from any of CometBFT's
/// connections, is answered under one lock, in arrival order per connection; the state transition does the work
/// (`StateTransition.execute(transactions:context:parent:state:)`), this class only maps messages.
public final class ABCIApplication: @unchecked Sendable {
    let store: ChainStore
    private let lock = NSLock()
    /// What FinalizeBlock computed, waiting for Commit to write it.
    var pending: (block: Block, outcome: BlockOutcome)?
    var nonces = PendingNonces()
    let log: @Sendable (String) -> Void
    /// The validator's key (`--validator-key`), which proves this node's beacon when CometBFT makes it the proposer; nil
    /// for a node that follows and votes but cannot propose.
    let validatorKey: Ed25519.PrivateKey?

    public init(store: ChainStore, validatorKey: Ed25519.PrivateKey? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.validatorKey = validatorKey
        self.log = log
    }

    /// The response to `request`; an error becomes a `ResponseException`, which stops CometBFT.
    public func respond(to request: Tendermint_Abci_Request) -> Tendermint_Abci_Response {
        lock.lock()
        defer { lock.unlock() }
        var response = Tendermint_Abci_Response()
        do {
            response.value = try answer(request)
        } catch {
            log("abci: \(error)")
            response.exception = .with { $0.error = "\(error)" }
        }
        return response
    }

    private func answer(_ request: Tendermint_Abci_Request) throws -> Tendermint_Abci_Response.OneOf_Value {
        switch request.value {
        case let .echo(echo): .echo(.with { $0.message = echo.message })
        case .flush: .flush(.init())
        case .info: .info(try info())
        case let .initChain(initChain): .initChain(try self.initChain(initChain))
        case let .query(query): .query(self.query(query))
        case let .checkTx(checkTx): .checkTx(self.checkTx(checkTx))
        case .commit: .commit(try commit())
        case let .prepareProposal(proposal): .prepareProposal(try prepare(proposal))
        case let .processProposal(proposal): .processProposal(process(proposal))
        case let .finalizeBlock(block): .finalizeBlock(try finalize(block))
        // No vote extensions: an empty one, and every one accepted.
        case .extendVote: .extendVote(.init())
        case .verifyVoteExtension: .verifyVoteExtension(.with { $0.status = .accept })
        // No state sync: no snapshots to list, and any offered one refused.
        case .listSnapshots: .listSnapshots(.init())
        case .offerSnapshot: .offerSnapshot(.with { $0.result = .reject })
        case .loadSnapshotChunk: .loadSnapshotChunk(.init())
        case .applySnapshotChunk: .applySnapshotChunk(.with { $0.result = .abort })
        case nil: throw ABCIError.emptyRequest
        }
    }

    // MARK: - Handshake

    /// The committed height and state root: CometBFT replays the blocks the application lacks after them.
    private func info() throws -> Tendermint_Abci_ResponseInfo {
        let head = store.head
        return .with {
            $0.data = "proofmint"
            $0.version = ProofmintVersion.text
            $0.appVersion = UInt64(ProofmintVersion.protocolVersion)
            $0.lastBlockHeight = Int64(head.height)
            $0.lastBlockAppHash = Data(head.stateRoot.bytes)
        }
    }

    /// Genesis: the home was made beforehand by `proofmintd init` from the Proofmint genesis file; InitChain checks that
    /// CometBFT's genesis agrees with it and answers with its state root and validators.
    private func initChain(_ request: Tendermint_Abci_RequestInitChain) throws -> Tendermint_Abci_ResponseInitChain {
        let head = store.head
        guard request.chainID == head.chainId else { throw ABCIRequestError.chainIdMismatch(cometbft: request.chainID, home: head.chainId) }
        guard head.height == 0 else { throw ABCIRequestError.alreadyInitialized(height: head.height) }
        guard request.initialHeight <= 1 else { throw ABCIRequestError.initialHeight(request.initialHeight) }
        if !request.appStateBytes.isEmpty {
            let root: Hash32
            do {
                root = try Genesis.parse(json: Array(request.appStateBytes)).genesisBlock().outcome.stateRoot
            } catch {
                throw ABCIRequestError.appStateUnreadable("\(error)")
            }
            guard root == head.stateRoot else { throw ABCIRequestError.appStateMismatch(genesisRoot: root, homeRoot: head.stateRoot) }
        }
        let validators = try validatorSet()
        return .with {
            $0.validators = ABCIValidators.updates(validators)
            $0.appHash = Data(head.stateRoot.bytes)
        }
    }

    // MARK: - Reads

    func validatorSet() throws -> ValidatorSet {
        do { return try store.withSnapshot { try $0.validatorSet() } } catch { throw ABCIRequestError.storage("\(error)") }
    }

    /// `body` over the committed state; a transaction's refusal passes through, other failures become `ABCIRequestError`.
    func withState<T>(_ body: (StateSnapshot) throws -> T) throws -> T {
        do {
            return try store.withSnapshot(body)
        } catch let error as ABCIRequestError {
            throw error
        } catch let error as TransactionError {
            throw error
        } catch let error as BlockError {
            throw ABCIRequestError.block(error)
        } catch {
            throw ABCIRequestError.storage("\(error)")
        }
    }
}
