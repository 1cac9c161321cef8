import ProofmintCore
import ProofmintCrypto

/// The devnet tools on the node (docs/RPC.md, "Devnet tools"). Each is refused unless the chain is a devnet, and every
/// block they lead to is still made by `StateTransition.propose` from the head.
extension Node {
    /// The devnet tools, or the refusal a non-devnet chain gets.
    func devnetTools() throws(NodeError) -> DevnetTools {
        guard let devnet else { throw .notADevnet(chainId: chainId) }
        return devnet
    }

    /// Pins the next block's timestamp (Unix ms); it may not be before the head's.
    public func setNextBlockTimestamp(_ timestamp: UInt64) throws(NodeError) -> UInt64 {
        _ = try devnetTools()
        drainCommit()
        let head = store.head
        guard timestamp >= head.timestamp else {
            throw .timestampBeforeHead(requested: timestamp, head: head.timestamp, height: head.height)
        }
        clock.pin(timestamp)
        return timestamp
    }

    /// Moves the block clock forward; returns the clock's reading afterwards.
    public func increaseTime(by milliseconds: UInt64) throws(NodeError) -> (offset: UInt64, now: UInt64) {
        _ = try devnetTools()
        let offset = clock.advance(by: milliseconds)
        return (offset, clock.reading(now: producer.now()))
    }

    /// The block clock's reading, its offset from the wall clock, and the pinned next timestamp.
    public func clockState() -> (now: UInt64, offset: UInt64, pinnedNext: UInt64?) {
        (clock.reading(now: producer.now()), clock.offset, clock.pinnedNext)
    }

    /// Changes the mining mode (and whether interval mode makes empty blocks) at run time.
    public func setMiningMode(_ newMode: MiningMode, emptyBlocks newEmptyBlocks: Bool? = nil) throws(NodeError) {
        _ = try devnetTools()
        if newMode != .manual && validator == nil {
            throw .cannotProduce("this node has no validator key: it cannot produce blocks in \(newMode) mode")
        }
        let wasProducing = producing
        stopProducing()
        mode = newMode
        if let newEmptyBlocks { emptyBlocks = newEmptyBlocks }
        if wasProducing { startProducing() }
        if newMode == .instant && mempoolSize > 0 { scheduleProduction() }
    }

    /// Sends `amount` from the dev reserve to `recipient` as an ordinary transfer signed with the faucet's key, paying
    /// the minimum fee; returns the transaction, which the next block includes.
    public func faucet(to recipient: Address, amount: Amount) throws(NodeError) -> SignedTransaction {
        let tools = try devnetTools()
        let reserve = tools.faucetAddress
        let (accountNonce, balance, fee) = try readReserve(reserve)
        let (needed, overflow) = amount.addingReportingOverflow(fee)
        guard !overflow, balance >= needed else {
            throw .faucetReserveShort(reserve: reserve, balance: balance, needed: overflow ? .max : needed)
        }
        let transaction = Transaction(
            chainId: chainId, sender: tools.faucet.publicKey, nonce: pendingNonce(for: reserve, accountNonce: accountNonce), fee: fee,
            payload: .transfer(Transfer(recipient: recipient, amount: amount, memo: Array("faucet".utf8))))
        let signed = transaction.signed(by: tools.faucet)
        _ = try submit(signed.encoded)
        return signed
    }

    /// The reserve's nonce and balance and the minimum fee, from one snapshot.
    private func readReserve(_ reserve: Address) throws(NodeError) -> (nonce: UInt64, balance: Amount, fee: Amount) {
        do {
            return try store.withSnapshot { snapshot in
                let account = try snapshot.account(reserve)
                return (account.nonce, account.balance, try snapshot.parameters().minFee)
            }
        } catch {
            throw .stateUnreadable("\(error)")
        }
    }
}
