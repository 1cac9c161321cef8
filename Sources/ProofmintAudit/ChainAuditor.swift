import ProofmintCore

/// Replays a chain and, block by block, records supply, fees by destination, the treasury and pools, staking,
/// epoch settlements with each provider's reward, and governance outcomes; it checks the supply invariant after
/// every block with sums kept up to date from each block's writes (no scan of the state per block).
public final class ChainAuditor {
    private var balances: Amount = 0
    private var stakes: Amount = 0
    private var unbonding: Amount = 0
    private var report: AuditReport?

    public init() {}

    public func audit(genesisFile: Bytes, next: () throws -> Block?, haltAt: UInt64? = nil, progress: (UInt64, Int) -> Void = { _, _ in }) throws -> AuditReport {
        let genesis = try Genesis.parse(file: genesisFile)
        let initial = MemoryStateStore()
        initial.commit(genesis.genesisBlock().outcome)
        for (key, value) in initial.values { add(key: key, value: value, sign: true) }
        var rows = [AuditReport.BlockRow](), epochs = [AuditReport.EpochRow](), governance = [AuditReport.GovernanceRow]()
        let replay = try ChainReplayer(haltAt: haltAt).replay(genesisFile: genesisFile, next: next, progress: progress) { block, outcome, store in
            for (key, value) in outcome.stateWrites {
                if let old = try store.value(for: key) { self.add(key: key, value: old, sign: false) }
                if let value { self.add(key: key, value: value, sign: true) }
            }
            let after = LayeredState(base: store, outcomes: [outcome])
            rows.append(try self.row(block, outcome, after: after))
            epochs += try self.settlements(in: outcome, store: store, after: after)
            governance += try self.governanceChanges(in: outcome, height: block.height, store: store)
        }
        return AuditReport(replay: replay, blocks: rows, epochs: epochs, governance: governance)
    }

    /// Adds (or removes) the amounts a record holds to the running sums.
    private func add(key: StateKey, value: Bytes, sign: Bool) {
        func apply(_ sum: inout Amount, _ amount: Amount) { sum = sign ? sum &+ amount : sum &- amount }
        switch key.prefix {
        case .account?: if let account = try? Account(canonical: value) { apply(&balances, account.balance) }
        case .stake?: if let stake = try? Stake(canonical: value) { apply(&stakes, stake.amount) }
        case .unbonding?: if let queue = try? UnbondingQueue(canonical: value) { apply(&unbonding, queue.total) }
        default: break
        }
    }

    /// `after` is the state once the block is applied (its outcome layered over the parent store).
    private func row(_ block: Block, _ outcome: BlockOutcome, after: LayeredState) throws -> AuditReport.BlockRow {
        let totals = try after.totals()
        var row = AuditReport.BlockRow(
            height: block.height, transactions: block.transactions.count, totals: totals,
            treasury: try after.account(ModuleAccount.treasury.address).balance,
            rewardPool: try after.account(ModuleAccount.rewardPool.address).balance,
            invariantHolds: totals.issued >= totals.burned && totals.supply == balances &+ stakes &+ unbonding
                && totals.staked == stakes && totals.unbonding == unbonding)
        for receipt in outcome.receipts {
            for case let .feePaid(_, _, burned, pool, treasury, liquidity) in receipt.events {
                row.feeBurned += burned
                row.feeToPool += pool
                row.feeToTreasury += treasury
                row.feeToLiquidity += liquidity
            }
        }
        return row
    }

    /// Rewards paid so far per epoch whose settlement is still running (keyed by epoch; looked up, never iterated).
    private var paying = [UInt64: [(provider: Address, reward: Amount, forfeited: Bool)]]()

    /// The providers this block paid (protocol version 3 pays in batches), and the epochs whose settlement this block
    /// finished, each with every provider's reward as the settlement recorded it.
    private func settlements(in outcome: BlockOutcome, store: MemoryStateStore, after: LayeredState) throws -> [AuditReport.EpochRow] {
        for (key, value) in outcome.stateWrites where key.prefix == .providerWork {
            guard let value, let work = try? ProviderWork(canonical: value), let reward = work.reward,
                  try store.record(ProviderWork.self, at: key)?.reward == nil, let epoch = key.trailingNumber,
                  let provider = try? Address(bytes: Array(key.bytes[1..<21]))
            else { continue }
            paying[epoch, default: []].append((provider, reward, work.forfeited))
        }
        var rows = [AuditReport.EpochRow]()
        for (key, value) in outcome.stateWrites where key.prefix == .epochRecord {
            guard let value, let record = try? EpochRecord(canonical: value), let settlement = record.settlement, settlement.finishedAt != nil,
                  try store.record(EpochRecord.self, at: key)?.settlement?.finishedAt == nil, let epoch = key.trailingNumber
            else { continue }
            rows.append(AuditReport.EpochRow(
                epoch: epoch, settlement: settlement, proofs: record.proofs, vested: record.vested, rewards: paying.removeValue(forKey: epoch) ?? []))
        }
        return rows
    }

    /// Proposals whose status this block changed (tallied, executed, failed).
    private func governanceChanges(in outcome: BlockOutcome, height: UInt64, store: MemoryStateStore) throws -> [AuditReport.GovernanceRow] {
        var rows = [AuditReport.GovernanceRow]()
        for (key, value) in outcome.stateWrites where key.prefix == .proposal {
            guard let value, let proposal = try? GovernanceProposal(canonical: value) else { continue }
            let before = try store.record(GovernanceProposal.self, at: key)
            guard before?.status != proposal.status, before != nil || proposal.status != .voting else { continue }
            rows.append(.init(height: height, proposal: proposal.id, kind: proposal.content.kind.name, status: proposal.status.name))
        }
        return rows
    }
}
