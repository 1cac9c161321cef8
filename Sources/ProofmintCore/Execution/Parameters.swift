/// Consensus parameters, stored in the state (so governance can change them and the root commits to them).
public struct Parameters: Equatable, Sendable {
    /// The smallest fee a transaction may carry: the spam bound.
    public var minFee: Amount
    /// The largest encoded signed transaction accepted.
    public var maxTransactionBytes: UInt32
    /// The most transactions one block may hold.
    public var maxBlockTransactions: UInt32
    /// The largest total of encoded transactions in one block.
    public var maxBlockBytes: UInt32
    /// Where each fee goes, in basis points; the four add up to 10,000.
    public var feeSplit: FeeSplit
    /// Blocks per epoch: stake locks are counted in epochs, and compute rewards are paid at each epoch's last block.
    public var epochLength: UInt64
    public var staking: StakingParameters
    public var compute: ComputeParameters
    public var governance: GovernanceParameters

    public init(
        minFee: Amount, maxTransactionBytes: UInt32, maxBlockTransactions: UInt32, maxBlockBytes: UInt32, feeSplit: FeeSplit,
        epochLength: UInt64 = 60, staking: StakingParameters = .defaults, compute: ComputeParameters = .defaults,
        governance: GovernanceParameters = .defaults
    ) {
        self.minFee = minFee
        self.maxTransactionBytes = maxTransactionBytes
        self.maxBlockTransactions = maxBlockTransactions
        self.maxBlockBytes = maxBlockBytes
        self.feeSplit = feeSplit
        self.epochLength = epochLength
        self.staking = staking
        self.compute = compute
        self.governance = governance
    }

    /// Devnet defaults: 0.001 AI minimum fee, 4 KiB transactions, 10,000 transactions or 8 MiB per block,
    /// fees split 40% burned / 30% reward pool / 20% treasury / 10% liquidity (seed 000), 60-block epochs,
    /// the staking defaults of `StakingParameters.defaults` and the compute defaults of `ComputeParameters.defaults` and the governance defaults of `GovernanceParameters.defaults`.
    public static let defaults = Parameters(
        minFee: Tokens.one / 1000,
        maxTransactionBytes: 4096,
        maxBlockTransactions: 10_000,
        maxBlockBytes: 8 << 20,
        feeSplit: FeeSplit(burnBps: 4000, rewardPoolBps: 3000, treasuryBps: 2000, liquidityBps: 1000))

    /// Every violated bound, as messages naming the parameter; empty if the set is usable.
    public func violations() -> [String] {
        var problems = [String]()
        if minFee == 0 { problems.append("min_fee must be at least 1 base unit: every transaction pays a fee") }
        if maxTransactionBytes < 256 { problems.append("max_tx_bytes must be at least 256") }
        if maxTransactionBytes > 1 << 20 { problems.append("max_tx_bytes must be at most 1048576") }
        if maxBlockTransactions == 0 { problems.append("max_block_transactions must be at least 1") }
        if maxBlockBytes < maxTransactionBytes { problems.append("max_block_bytes must be at least max_tx_bytes") }
        if maxBlockBytes > 64 << 20 { problems.append("max_block_bytes must be at most 67108864") }
        problems += feeSplit.violations()
        if epochLength == 0 { problems.append("epoch_length must be at least 1 block") }
        problems += staking.violations()
        problems += compute.violations(epochLength: epochLength)
        problems += governance.violations()
        return problems
    }
}

/// A split of an amount into burn / reward pool / treasury / liquidity shares, in basis points.
public struct FeeSplit: Equatable, Sendable {
    public var burnBps: UInt16
    public var rewardPoolBps: UInt16
    public var treasuryBps: UInt16
    public var liquidityBps: UInt16

    public init(burnBps: UInt16, rewardPoolBps: UInt16, treasuryBps: UInt16, liquidityBps: UInt16) {
        self.burnBps = burnBps
        self.rewardPoolBps = rewardPoolBps
        self.treasuryBps = treasuryBps
        self.liquidityBps = liquidityBps
    }

    func violations() -> [String] {
        let sum = Int(burnBps) + Int(rewardPoolBps) + Int(treasuryBps) + Int(liquidityBps)
        return sum == 10_000 ? [] : ["fee_split_bps must add up to 10000, got \(sum)"]
    }

    /// The shares of `amount`: each is floor(amount × bps / 10,000) except the treasury's,
    /// which takes what is left, so the shares always add up to `amount` exactly.
    public func shares(of amount: Amount) -> (burn: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount) {
        let burn = Self.portion(amount, burnBps)
        let pool = Self.portion(amount, rewardPoolBps)
        let liquidity = Self.portion(amount, liquidityBps)
        return (burn, pool, amount - burn - pool - liquidity, liquidity)
    }

    /// floor(amount × bps / 10,000) without overflow for any UInt128 amount.
    public static func portion(_ amount: Amount, _ bps: UInt16) -> Amount {
        let b = Amount(bps)
        return (amount / 10_000) * b + (amount % 10_000) * b / 10_000
    }
}

extension Parameters: CanonicalCodable {
    /// 2 since protocol version 2: staking gains `jail_period_blocks` and `unjail_fee`, governance `change_window_blocks` and
    /// `max_spend_bps`; 3 since protocol version 3: compute gains its verification parameters.
    static let version: UInt8 = 3

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u128(minFee)
        writer.u32(maxTransactionBytes)
        writer.u32(maxBlockTransactions)
        writer.u32(maxBlockBytes)
        writer.u16(feeSplit.burnBps)
        writer.u16(feeSplit.rewardPoolBps)
        writer.u16(feeSplit.treasuryBps)
        writer.u16(feeSplit.liquidityBps)
        writer.u64(epochLength)
        writer.encode(staking)
        writer.encode(compute)
        writer.encode(governance)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Parameters {
        try reader.expectVersion(Self.version, of: "parameters")
        return Parameters(
            minFee: try reader.u128(),
            maxTransactionBytes: try reader.u32(),
            maxBlockTransactions: try reader.u32(),
            maxBlockBytes: try reader.u32(),
            feeSplit: FeeSplit(
                burnBps: try reader.u16(), rewardPoolBps: try reader.u16(),
                treasuryBps: try reader.u16(), liquidityBps: try reader.u16()),
            epochLength: try reader.u64(),
            staking: try reader.decode(StakingParameters.self),
            compute: try reader.decode(ComputeParameters.self),
            governance: try reader.decode(GovernanceParameters.self))
    }
}
