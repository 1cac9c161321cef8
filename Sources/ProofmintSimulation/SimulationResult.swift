import ProofmintCore

/// A finished run: the configuration, the chain it built, and one row per epoch.
public struct SimulationResult: Equatable, Sendable {
    public let config: SimulationConfig
    /// The parameters the simulated chain ran with (the scenario's emission and fees).
    public let parameters: Parameters
    /// Supply figures at genesis: the chart's first point.
    public let genesisTotals: ChainTotals
    public let rows: [SimulationRow]
    /// Blocks produced after genesis.
    public let blocks: UInt64
    /// Transactions included, and those among them whose execution failed (a consumer who could no longer pay,
    /// say): they still paid their fee.
    public let transactions: UInt64
    public let failedTransactions: UInt64
    /// The head's state root: two runs of one configuration end on the same root.
    public let finalStateRoot: Hash32

    public init(
        config: SimulationConfig, parameters: Parameters, genesisTotals: ChainTotals, rows: [SimulationRow], blocks: UInt64,
        transactions: UInt64, failedTransactions: UInt64, finalStateRoot: Hash32
    ) {
        self.config = config
        self.parameters = parameters
        self.genesisTotals = genesisTotals
        self.rows = rows
        self.blocks = blocks
        self.transactions = transactions
        self.failedTransactions = failedTransactions
        self.finalStateRoot = finalStateRoot
    }

    /// Totals over the run.
    public var totalProofs: UInt64 { rows.reduce(0) { $0 &+ $1.proofs } }
    public var finalSupply: Amount { rows.last?.supply ?? genesisTotals.supply }
    public var totalMinted: Amount { rows.last?.cumulativeMinted ?? genesisTotals.minted }
    public var totalBurned: Amount { rows.last?.cumulativeBurned ?? genesisTotals.burned }

    /// The first epoch at whose end the mining cap was reached, if it was.
    public var capReachedAtEpoch: UInt64? {
        rows.first { $0.cumulativeMinted >= parameters.compute.miningCap }?.epoch
    }
}
