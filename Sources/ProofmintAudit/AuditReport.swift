import ProofmintCore

/// Per-block and per-epoch figures of a replayed chain, and every check that failed.
public struct AuditReport: Sendable {
    public struct BlockRow: Sendable {
        public var height: UInt64
        public var transactions: Int
        public var totals: ChainTotals
        /// This block's fees by destination (transaction fees and protocol fees).
        public var feeBurned: Amount = 0, feeToPool: Amount = 0, feeToTreasury: Amount = 0, feeToLiquidity: Amount = 0
        public var treasury: Amount
        public var rewardPool: Amount
        /// `issued − burned = Σ balances + staked + unbonding` and the totals equal the records' sums.
        public var invariantHolds: Bool
    }

    public struct EpochRow: Sendable {
        public var epoch: UInt64
        public var settlement: EpochSettlement
        public var proofs: UInt64
        public var vested: Amount
        public var rewards: [(provider: Address, reward: Amount, forfeited: Bool)]
    }

    public struct GovernanceRow: Sendable {
        public var height: UInt64
        public var proposal: UInt64
        public var kind: String
        public var status: String
    }

    public var replay: ReplayReport
    public var blocks: [BlockRow] = []
    public var epochs: [EpochRow] = []
    public var governance: [GovernanceRow] = []

    public var invariantViolations: [UInt64] { blocks.filter { !$0.invariantHolds }.map(\.height) }
}
