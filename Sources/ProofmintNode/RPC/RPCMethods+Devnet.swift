import ProofmintCore
import ProofmintRPC

/// The devnet tools' methods (docs/RPC.md, "Devnet tools"): the node refuses each on a chain that is not a devnet.
/// Each catches its `NodeError` itself: a generic helper taking an `async throws(NodeError)` closure that returns a
/// value miscompiles in this toolchain (the process crashed on a null function pointer after `pm_faucet`).
extension RPCMethods {
    func setNextBlockTimestamp(_ params: NextTimestampParams) async throws(RPCErrorObject) -> BlockClockResult {
        do { _ = try await node.setNextBlockTimestamp(params.timestamp) } catch { throw Self.rpcError(for: error) }
        return await clock()
    }

    func increaseTime(_ params: IncreaseTimeParams) async throws(RPCErrorObject) -> BlockClockResult {
        do { _ = try await node.increaseTime(by: params.milliseconds) } catch { throw Self.rpcError(for: error) }
        return await clock()
    }

    func setMiningMode(_ params: MiningModeParams) async throws(RPCErrorObject) -> MiningModeResult {
        let mode = try Self.miningMode(params)
        do { try await node.setMiningMode(mode, emptyBlocks: params.emptyBlocks) } catch { throw Self.rpcError(for: error) }
        return MiningModeResult(mode: await node.mode.description, emptyBlocks: await node.emptyBlocks)
    }

    func faucet(_ params: FaucetParams) async throws(RPCErrorObject) -> FaucetResult {
        let amount = params.amount ?? FaucetParams.defaultAmount
        guard amount > 0 else { throw .invalidParams("'amount' must be more than 0") }
        let transaction: Transaction
        let id: Hash32
        do {
            let signed = try await node.faucet(to: params.address, amount: amount)
            transaction = signed.transaction
            id = signed.id
        } catch {
            throw Self.rpcError(for: error)
        }
        return FaucetResult(id: id, from: transaction.senderAddress, to: params.address, amount: amount, fee: transaction.fee)
    }

    /// The mode `pm_setMiningMode` names.
    private static func miningMode(_ params: MiningModeParams) throws(RPCErrorObject) -> MiningMode {
        switch (params.mode, params.intervalMs) {
        case ("instant", nil): return .instant
        case ("manual", nil): return .manual
        case let ("interval", milliseconds?) where milliseconds >= 1: return .interval(milliseconds: milliseconds)
        case ("interval", _): throw .invalidParams("mode 'interval' needs 'interval_ms' of at least 1")
        case ("instant", _), ("manual", _): throw .invalidParams("'interval_ms' goes only with mode 'interval'")
        default: throw .invalidParams("'mode' must be 'instant', 'interval' or 'manual', not '\(params.mode)'")
        }
    }

    private func clock() async -> BlockClockResult {
        let state = await node.clockState()
        return BlockClockResult(now: state.now, offsetMs: state.offset, nextTimestamp: state.pinnedNext)
    }
}
