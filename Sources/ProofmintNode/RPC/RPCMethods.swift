import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// The node's side of the contract (`ProofmintRPC`, docs/RPC.md): each method decodes its typed params, answers
/// with its typed result. Reads of committed data go to the store, each answer from one snapshot; the rest to the
/// node actor.
struct RPCMethods: Sendable {
    let node: Node

    var store: ChainStore { node.store }

    /// The most blocks `pm_mine` calls may produce for one HTTP request, a batch's calls together: a request of a
    /// few kilobytes must not fast-forward voting periods, timelocks, unbonding and epochs by 100,000 blocks, except
    /// on a devnet, where doing so is the point (`DevnetTools.maxMinedPerRequest`).
    static let maxMinedPerRequest: UInt64 = 1000

    /// This node's `pm_mine` budget for one HTTP request.
    var maxMinedPerRequest: UInt64 { node.devnet == nil ? Self.maxMinedPerRequest : DevnetTools.maxMinedPerRequest }

    /// Runs one call; `miningBudget` is what is left of `maxMinedPerRequest` for the request it belongs to.
    func call(_ name: String, params: JSONValue?, miningBudget: inout UInt64) async throws(RPCErrorObject) -> JSONValue {
        guard let method = RPCMethod(rawValue: name) else { throw .methodNotFound(name) }
        switch method {
        case .status: return try await run(Calls.Status.self, params) { _ throws(RPCErrorObject) in try await status() }
        case .sendTransaction: return try await run(Calls.SendTransaction.self, params, sendTransaction)
        case .getAccount: return try await run(Calls.GetAccount.self, params, account)
        case .getBlock: return try await run(Calls.GetBlock.self, params, block)
        case .getTransaction: return try await run(Calls.GetTransaction.self, params, transaction)
        case .mine:
            return try await run(Calls.Mine.self, params) { (mineParams) throws(RPCErrorObject) in
                try await mine(mineParams, budget: &miningBudget)
            }
        case .getParameters: return try await run(Calls.GetParameters.self, params) { _ throws(RPCErrorObject) in try parameters() }
        case .getSupply: return try await run(Calls.GetSupply.self, params) { _ throws(RPCErrorObject) in try supply() }
        case .getStake: return try await run(Calls.GetStake.self, params, stake)
        case .getProviders: return try await run(Calls.GetProviders.self, params, providers)
        case .getEpoch: return try await run(Calls.GetEpoch.self, params, epoch)
        case .getRewards: return try await run(Calls.GetRewards.self, params, rewards)
        case .getProposals: return try await run(Calls.GetProposals.self, params, proposals)
        case .getProposal: return try await run(Calls.GetProposal.self, params, proposal)
        case .previewProposal: return try await run(Calls.PreviewProposal.self, params, previewProposal)
        case .getReceipt: return try await run(Calls.GetReceipt.self, params, receiptRecord)
        case .getPendingValidations: return try await run(Calls.GetPendingValidations.self, params, pendingValidations)
        case .getChallenges: return try await run(Calls.GetChallenges.self, params, challenges)
        case .getComputeValidators:
            return try await run(Calls.GetComputeValidators.self, params) { _ throws(RPCErrorObject) in try computeValidators() }
        case .getAttestors: return try await run(Calls.GetAttestors.self, params) { _ throws(RPCErrorObject) in try attestors() }
        case .setNextBlockTimestamp: return try await run(Calls.SetNextBlockTimestamp.self, params, setNextBlockTimestamp)
        case .increaseTime: return try await run(Calls.IncreaseTime.self, params, increaseTime)
        case .setMiningMode: return try await run(Calls.SetMiningMode.self, params, setMiningMode)
        case .faucet: return try await run(Calls.Faucet.self, params, faucet)
        case .getSupplyHistory: return try await run(Calls.GetSupplyHistory.self, params, supplyHistory)
        case .getAccountHistory: return try await run(Calls.GetAccountHistory.self, params, accountHistory)
        case .snapshot: return try await run(Calls.Snapshot.self, params, snapshot)
        case .revert: return try await run(Calls.Revert.self, params, revert)
        case .listSnapshots: return try await run(Calls.ListSnapshots.self, params) { _ throws(RPCErrorObject) in try listSnapshots() }
        case .deleteSnapshot: return try await run(Calls.DeleteSnapshot.self, params, deleteSnapshot)
        case .getRawBlocks: return try await run(Calls.GetRawBlocks.self, params, rawBlocks)
        case .waitForHead: return try await run(Calls.WaitForHead.self, params, waitForHead)
        }
    }

    /// Decodes the params (absent, `null` and `[]` mean none), runs the method, encodes its result.
    private func run<Call: RPCCall>(
        _ call: Call.Type, _ raw: JSONValue?, _ body: (Call.Params) async throws(RPCErrorObject) -> Call.Result
    ) async throws(RPCErrorObject) -> JSONValue {
        try Self.encode(try await body(try Self.params(call, raw)))
    }

    /// A call's named params, decoded as its contract says.
    private static func params<Call: RPCCall>(_ call: Call.Type, _ raw: JSONValue?) throws(RPCErrorObject) -> Call.Params {
        var value = raw ?? .object([])
        switch value {
        case .null, .array([]): value = .object([])
        case .object: break
        default: throw .invalidParams("params must be an object of named parameters")
        }
        do {
            return try JSONValueDecoder.decode(Call.Params.self, from: value, path: "params")
        } catch {
            throw .invalidParams(error)
        }
    }

    private static func encode<Value: Encodable>(_ result: Value) throws(RPCErrorObject) -> JSONValue {
        do {
            return try JSONValueEncoder.encode(result)
        } catch {
            throw .internalError("\(error)")
        }
    }

    /// The `pm_sendTransaction` calls of a batch, in order, each answered as if sent alone: decoded and their signatures
    /// checked off the node's actor, then admitted in one turn of it (`Node.submitAll`), so that in instant mode they
    /// share a block. The admitted ones go on to the peers in one hand-over (one hop onto the node, not one each).
    ///
    /// The checks run on the request's own thread: requests in flight keep the cores busy between them. Spreading one
    /// batch over the cores with `concurrentPerform` blocked a thread of Swift's cooperative pool (one a core) while it
    /// waited, holding up the actor and the other requests; child tasks cost their hand-offs (docs/PERFORMANCE.md).
    func sendTransactions(_ raws: [JSONValue?]) async -> [Swift.Result<JSONValue, RPCErrorObject>] {
        let decoded = raws.map { raw in Swift.Result { () throws(RPCErrorObject) in try Self.sendTransactionParams(raw) } }
        let bytes = decoded.compactMap { try? $0.get().tx.bytes }
        let submissions = bytes.map(Submission.init)
        var admitted = await node.submitAll(submissions).makeIterator()
        var answers = [Swift.Result<JSONValue, RPCErrorObject>]()
        var forwarded = [Bytes]()
        for (index, params) in decoded.enumerated() {
            guard case let .success(params) = params else {
                if case let .failure(error) = params { answers.append(.failure(error)) }
                continue
            }
            switch admitted.next() {
            case let .success(id)?:
                forwarded.append(params.tx.bytes)
                answers.append(.success(Self.sendTransactionResult(id)))
            case let .failure(error)?: answers.append(.failure(Self.rpcError(for: error)))
            case nil: answers.append(.failure(.internalError("batch submission \(index) has no answer")))
            }
        }
        if !forwarded.isEmpty { await node.forwardToPeers(forwarded) }
        return answers
    }

    /// `pm_sendTransaction`'s params. The usual shape, `{"tx": "<hex>"}`, is read directly: through `Decodable` it was
    /// a few percent of a loaded node's time. Anything else (and bad hex) takes the general path and its errors.
    private static func sendTransactionParams(_ raw: JSONValue?) throws(RPCErrorObject) -> SendTransactionParams {
        if case let .object(members)? = raw, members.count == 1, members[0].0 == "tx", case let .string(hex) = members[0].1,
            let bytes = Bytes(hex: hex)
        {
            return SendTransactionParams(tx: bytes)
        }
        return try params(Calls.SendTransaction.self, raw)
    }

    /// `SendTransactionResult(id:)` as its encoder writes it, built directly: a batch answers a hundred of them.
    static func sendTransactionResult(_ id: Hash32) -> JSONValue { .object([("id", .string(id.hex))]) }

    private func status() async throws(RPCErrorObject) -> StatusResult {
        let head = store.head
        let sync = await node.syncStatus()
        return StatusResult(
            chainId: head.chainId, genesisHash: try genesisHash(), height: head.height, headHash: head.hash, stateRoot: head.stateRoot,
            timestamp: head.timestamp, mempoolSize: UInt64(await node.mempoolSize), miningMode: await node.mode.description,
            validator: node.validator.map { Address(publicKey: $0.key.publicKey) }, storageError: await node.storageProblem,
            syncState: sync.state, peers: sync.peers, explorerIndexes: store.keepsExplorerIndexes)
    }

    private func sendTransaction(_ params: SendTransactionParams) async throws(RPCErrorObject) -> SendTransactionResult {
        let id: Hash32
        do {
            id = try await node.submit(Submission(params.tx.bytes))
        } catch {
            throw Self.rpcError(for: error)
        }
        // Only a transaction new to this node goes on to its peers, so forwarding between followers ends.
        await node.forwardToPeers([params.tx.bytes])
        return SendTransactionResult(id: id)
    }

    static func rpcError(for error: NodeError) -> RPCErrorObject {
        switch error {
        case let .mempool(mempoolError): return rpcError(for: mempoolError)
        case .cannotProduce: return .miningUnavailable(error.description)
        case .notADevnet: return .notADevnet(error.description)
        case .timestampBeforeHead, .faucetReserveShort: return .invalidParams(error.description)
        case let .storageUnavailable(reason, _): return .storageUnavailable(error.description, reason: reason)
        case let .storage(storageError): return .storageUnavailable(error.description, reason: storageError.description)
        case let .stateUnreadable(detail): return .storageUnavailable(error.description, reason: detail)
        default: return .internalError(error.description)
        }
    }

    /// Every refusal carries `data` with a stable name, and the transaction error code where there is one.
    static func rpcError(for error: MempoolError) -> RPCErrorObject {
        switch error {
        case let .rejected(txError):
            return RPCErrorObject(
                .transactionRejected, "transaction rejected: \(txError)",
                data: RPCErrorData(code: txError.code, name: txError.name, message: txError.description))
        case let .malformed(detail):
            return .invalidParams("'tx' is not a canonical signed transaction: \(detail)")
        case .senderLimit, .full, .gappedSenderLimit, .gappedLimit:
            return RPCErrorObject(.mempoolBusy, error.description, data: RPCErrorData(name: error.name, message: error.description))
        case .duplicate, .replacementUnderpriced, .nonceGap:
            return RPCErrorObject(
                .transactionRejected, "transaction rejected: \(error)", data: RPCErrorData(name: error.name, message: error.description))
        }
    }

    private func account(_ params: AccountParams) async throws(RPCErrorObject) -> AccountResult {
        let address = params.address
        let key = StateKey.account(address)
        // Height, root and proof all come from one snapshot, so the proof always matches the root it is given with.
        let (account, height, root, proof) = try read { snapshot -> (Account, UInt64, Hash32, ProofView?) in
            let account = try snapshot.account(address)
            guard params.proof == true else { return (account, try snapshot.height(), try snapshot.stateRoot(), nil) }
            let proof = ProofView(key: key, value: try snapshot.value(for: key), proof: try snapshot.proof(for: key))
            return (account, try snapshot.height(), try snapshot.stateRoot(), proof)
        }
        let pending = await node.pendingNonce(for: address, accountNonce: account.nonce)
        return AccountResult(
            address: address, balance: account.balance, nonce: account.nonce, pendingNonce: pending, height: height, stateRoot: root,
            proof: proof)
    }

    private func block(_ params: BlockParams) throws(RPCErrorObject) -> BlockView {
        let height: UInt64
        if let hash = params.hash {
            guard let found = try storeCall({ try store.height(ofBlock: hash) }) else { throw .notFound("no block with hash \(hash)") }
            height = found
        } else {
            switch params.height {
            case let .number(number)?: height = number
            case .latest?: height = store.head.height
            case nil: throw .invalidParams("'height' or 'hash' is required")
            }
        }
        guard let block = try storeCall({ try store.block(at: height) }) else {
            throw .notFound("no block at height \(height); the chain is at \(store.head.height)")
        }
        return BlockView(block, full: params.full ?? false)
    }

    private func transaction(_ params: TransactionParams) async throws(RPCErrorObject) -> TransactionResult {
        let id = params.id
        // Mempool first: the node commits a block before it prunes the mempool, so a transaction that is no longer
        // pending is already in the store. The other order could miss one that was included in between.
        let pending = await node.pendingTransaction(id)
        if let found = try storeCall({ try store.includedTransaction(id) }) {
            return .included(
                found.transaction, height: found.height, index: UInt64(found.index), blockHash: found.blockHash, receipt: found.receipt)
        }
        if let pending { return .pending(pending) }
        throw .notFound("unknown transaction \(id)")
    }

    private func mine(_ params: MineParams, budget: inout UInt64) async throws(RPCErrorObject) -> MineResult {
        let count = params.blocks ?? 1
        let limit = maxMinedPerRequest
        guard count >= 1, count <= limit else {
            throw .invalidParams("'blocks' must be between 1 and \(limit)\(node.devnet == nil ? " (\(DevnetTools.maxMinedPerRequest) on a devnet)" : "")")
        }
        guard count <= budget else {
            throw .invalidParams(
                "'blocks' is \(count) but this request may mine only \(budget) more: pm_mine produces at most "
                    + "\(limit) blocks per HTTP request, a batch's calls together")
        }
        if params.intervalMs != nil, node.devnet == nil { throw Self.rpcError(for: NodeError.notADevnet(chainId: node.chainId)) }
        budget -= count
        let started = ContinuousClock.now
        let mined: (first: UInt64, last: BlockHeader)?
        do {
            mined = try await node.mineBlocks(count: Int(count), interval: params.intervalMs)
        } catch {
            throw Self.rpcError(for: error)
        }
        guard let mined else { throw Self.rpcError(for: NodeError.cannotProduce("no block was produced")) }
        return MineResult(
            firstHeight: mined.first, lastHeight: mined.last.height, blocks: mined.last.height - mined.first + 1,
            headHash: mined.last.hash, timestamp: mined.last.timestamp, elapsedMs: Self.milliseconds(ContinuousClock.now - started))
    }

    static func milliseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(clamping: seconds) &* 1000 &+ UInt64(clamping: attoseconds / 1_000_000_000_000_000)
    }

    private func parameters() throws(RPCErrorObject) -> ParametersResult {
        try read { snapshot in
            let windows = try snapshot.entries(of: .parameterWindow).map { key, value in
                let window = try StateKey.decode(ParameterChangeWindow.self, value, storedAt: key)
                return ChangeWindowView(
                    name: String(decoding: key.bytes.dropFirst(), as: UTF8.self), startHeight: window.startHeight, valueAtStart: window.valueAtStart)
            }
            return ParametersResult(height: try snapshot.height(), parameters: try snapshot.parameters(), changeWindows: windows)
        }
    }

    func read<T>(_ body: (StateSnapshot) throws -> T) throws(RPCErrorObject) -> T {
        do {
            return try store.withSnapshot(body)
        } catch let error as RPCErrorObject {
            throw error  // a query's own verdict (not found, bad params), made inside the snapshot
        } catch {
            throw .internalError("state unreadable: \(error)")
        }
    }

    func storeCall<T>(_ body: () throws -> T) throws(RPCErrorObject) -> T {
        do { return try body() } catch { throw .internalError("database read failed: \(error)") }
    }
}
