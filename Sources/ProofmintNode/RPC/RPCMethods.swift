import Foundation
import ProofmintCore
import ProofmintStorage

/// The node's JSON-RPC methods (docs/RPC.md). Reads of committed data go to the store; the rest to the node actor.
struct RPCMethods: Sendable {
    let node: Node

    var store: ChainStore { node.store }

    func call(_ method: String, params raw: Any?) async throws(RPCError) -> Any {
        let params = try RPCParams(raw)
        switch method {
        case "pm_status": return try await status()
        case "pm_sendTransaction": return try await sendTransaction(params)
        case "pm_getAccount": return try await account(params)
        case "pm_getBlock": return try block(params)
        case "pm_getTransaction": return try await transaction(params)
        case "pm_mine": return try await mine(params)
        case "pm_getParameters": return try read { snapshot in JSONView.parameters(try snapshot.parameters()) }
        case "pm_getSupply": return try supply()
        case "pm_getStake": return try stake(params)
        case "pm_getProviders": return try providers(params)
        case "pm_getEpoch": return try epoch(params)
        case "pm_getRewards": return try rewards(params)
        case "pm_getProposals": return try proposals(params)
        case "pm_getProposal": return try proposal(params)
        case "pm_previewProposal": return try previewProposal(params)
        default: throw .methodNotFound(method)
        }
    }

    private func status() async throws(RPCError) -> Any {
        let head = store.head
        let genesisHash = try storeCall { try store.block(at: 0)?.hash.hex } ?? ""
        return [
            "chain_id": head.chainId,
            "genesis_hash": genesisHash,
            "height": head.height,
            "head_hash": head.hash.hex,
            "state_root": head.stateRoot.hex,
            "timestamp": head.timestamp,
            "mempool_size": await node.mempoolSize,
            "mining_mode": node.mode.description,
            "validator": node.validator.map { Address(publicKey: $0.key.publicKey).text as Any } ?? NSNull(),
        ] as [String: Any]
    }

    private func sendTransaction(_ params: RPCParams) async throws(RPCError) -> Any {
        let bytes = try params.hexBytes("tx")
        do {
            let id = try await node.submit(bytes)
            return ["id": id.hex]
        } catch {
            throw Self.rpcError(for: error)
        }
    }

    static func rpcError(for error: NodeError) -> RPCError {
        switch error {
        case let .mempool(mempoolError): return rpcError(for: mempoolError)
        case .cannotProduce: return .cannotMine(error.description)
        default: return .internalError(error.description)
        }
    }

    /// Every refusal carries `data` with a stable name, and the transaction error code where there is one.
    static func rpcError(for error: MempoolError) -> RPCError {
        switch error {
        case let .rejected(txError):
            return RPCError(
                code: -32000, message: "transaction rejected: \(txError)",
                data: ["code": Int(txError.code), "name": txError.name, "message": txError.description])
        case let .malformed(detail):
            return .invalidParams("'tx' is not a canonical signed transaction: \(detail)")
        case .senderLimit, .full:
            return RPCError(code: -32001, message: error.description, data: ["name": error.name, "message": error.description])
        case .duplicate, .replacementUnderpriced, .nonceGap:
            return RPCError(
                code: -32000, message: "transaction rejected: \(error)", data: ["name": error.name, "message": error.description])
        }
    }

    private func account(_ params: RPCParams) async throws(RPCError) -> Any {
        let address = try params.address("address")
        let wantProof = try params.bool("proof", default: false)
        let key = StateKey.account(address)
        // Height, root and proof all come from one snapshot, so the proof always matches the root it is given with.
        let (account, height, root, proof) = try read { snapshot -> (Account, UInt64, Hash32, Any) in
            let account = try snapshot.account(address)
            let height = try snapshot.height()
            let root = try snapshot.stateRoot()
            guard wantProof else { return (account, height, root, NSNull()) }
            let value = try snapshot.value(for: key)
            return (account, height, root, JSONView.proof(key: key, value: value, proof: try snapshot.proof(for: key)))
        }
        let pending = await node.pendingNonce(for: address, accountNonce: account.nonce)
        return [
            "address": address.text, "balance": String(account.balance), "nonce": account.nonce, "pending_nonce": pending,
            "height": height, "state_root": root.hex, "proof": proof,
        ] as [String: Any]
    }

    private func block(_ params: RPCParams) throws(RPCError) -> Any {
        let full = try params.bool("full", default: false)
        let height: UInt64
        if params.has("hash") {
            let hash = try params.hash("hash")
            guard let found = try storeCall({ try store.height(ofBlock: hash) }) else { throw .notFound("no block with hash \(hash)") }
            height = found
        } else if (try? params.string("height")) == "latest" {
            height = store.head.height
        } else {
            height = try params.integer("height")
        }
        guard let block = try storeCall({ try store.block(at: height) }) else {
            throw .notFound("no block at height \(height); the chain is at \(store.head.height)")
        }
        return JSONView.block(block, full: full)
    }

    private func transaction(_ params: RPCParams) async throws(RPCError) -> Any {
        let id = try params.hash("id")
        // Mempool first: the node commits a block before it prunes the mempool, so a transaction that is no longer
        // pending is already in the store. The other order could miss one that was included in between.
        let pending = await node.pendingTransaction(id)
        if let location = try storeCall({ try store.location(ofTransaction: id) }),
           let block = try storeCall({ try store.block(at: location.height) }),
           location.index < block.transactions.count {
            let transaction = block.transactions[location.index]
            let receipts = try storeCall { try store.receipts(at: location.height) } ?? []
            let receipt = location.index < receipts.count ? receipts[location.index] : nil
            return [
                "id": id.hex, "status": "included", "height": location.height, "index": location.index,
                "block_hash": block.hash.hex, "transaction": JSONView.transaction(transaction),
                "raw": transaction.canonicalBytes.hex, "receipt": receipt.map { JSONView.receipt($0) as Any } ?? NSNull(),
            ] as [String: Any]
        }
        if let pending {
            return [
                "id": id.hex, "status": "pending", "height": NSNull(), "index": NSNull(), "block_hash": NSNull(),
                "transaction": JSONView.transaction(pending), "raw": pending.canonicalBytes.hex, "receipt": NSNull(),
            ] as [String: Any]
        }
        throw .notFound("unknown transaction \(id)")
    }

    private func mine(_ params: RPCParams) async throws(RPCError) -> Any {
        let count = params.has("blocks") ? try params.integer("blocks") : 1
        guard count >= 1, count <= 1000 else { throw .invalidParams("'blocks' must be between 1 and 1000") }
        do {
            return ["heights": try await node.mine(count: Int(count))]
        } catch {
            throw Self.rpcError(for: error)
        }
    }

    func read<T>(_ body: (StateSnapshot) throws -> T) throws(RPCError) -> T {
        do {
            return try store.withSnapshot(body)
        } catch let error as RPCError {
            throw error  // a query's own verdict (not found, bad params), made inside the snapshot
        } catch {
            throw .internalError("state unreadable: \(error)")
        }
    }

    private func storeCall<T>(_ body: () throws -> T) throws(RPCError) -> T {
        do { return try body() } catch { throw .internalError("database read failed: \(error)") }
    }
}
