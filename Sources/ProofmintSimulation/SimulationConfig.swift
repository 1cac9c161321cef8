import ProofmintCore

/// Everything that shapes one simulation run. The same configuration (seed included) always gives the same chain,
/// byte for byte, so a scenario can be quoted by its options.
///
/// Emission options left nil keep seed 001's numbers (`ComputeParameters.defaults`); a year is
/// `epochsPerYear × epochLength` blocks, so short epochs and few epochs per year show decades in seconds.
public struct SimulationConfig: Equatable, Sendable {
    /// Epochs to run; a row is recorded at the end of each.
    public var epochs: UInt64 = 100
    public var seed: UInt64 = 1
    /// Synthetic compute providers; each stakes at genesis+1 at a random privacy tier and lock.
    public var providers: Int = 8
    /// Synthetic consumers; they sign the receipts that providers submit, and pay for the work.
    public var consumers: Int = 16
    /// Compute receipts submitted per block.
    public var jobsPerBlock: Int = 4
    /// Plain transfers per block (consumer to anyone), for transaction-fee burns that do not come from compute.
    public var transfersPerBlock: Int = 2
    /// Blocks per epoch.
    public var epochLength: UInt64 = 10
    /// Epochs per emission year (`compute.blocks_per_year = epochsPerYear × epochLength`).
    public var epochsPerYear: UInt64 = 10

    /// Emission scenario overrides; nil keeps seed 001's value.
    public var initialAnnualEmission: Amount?
    public var halvingYears: UInt64?
    public var terminalAnnualEmission: Amount?
    public var miningCap: Amount?

    /// Fee scenario overrides; nil keeps the devnet defaults (the minimum fee, 0.3% protocol fee, 40/30/20/10 split).
    public var transactionFee: Amount?
    public var protocolFeeBps: UInt16?
    public var feeSplit: FeeSplit?

    /// Price of one job, drawn uniformly from this range (base units).
    public var minPrice: Amount = Tokens.one
    public var maxPrice: Amount = 20 * Tokens.one
    /// Compute units of one job, drawn uniformly from this range.
    public var minUnits: UInt64 = 100
    public var maxUnits: UInt64 = 10_000

    /// Genesis balances of each synthetic account, taken out of the public-sale allocation.
    public var consumerBalance: Amount = 100_000 * Tokens.one
    public var providerBalance: Amount = 10_000 * Tokens.one

    /// Re-check every proposed block with `StateTransition.apply` (the node's import path) before committing it;
    /// false commits the proposal's own outcome, which is the same code minus the header and root checks.
    public var verifyBlocks = true
    /// Compute validators (protocol version 3): each stakes `validatorStake` in block 1, joins the validator set in
    /// block 2, and gives a verdict on every receipt it is assigned, in the block after the assignment.
    public var validators: Int = 3
    public var validatorStake: Amount = 10_000 * Tokens.one
    /// Share of the providers (basis points, rounded down to whole providers) whose work is fake: a validator that
    /// samples one of their receipts finds it `malicious`, which slashes and jails the provider; it submits no more.
    public var badProviderBps: UInt16 = 0
    /// Overrides the verification rules (windows, sampling, rewards); nil keeps the defaults. Tests shorten the
    /// windows with it so that settlement, which waits for them, happens within a short run.
    public var verification: VerificationParameters?

    public init() {}

    /// Seed 001's allocation of the 1,000,000,000 AI maximum supply outside compute mining (which is the other 30%).
    public static let moduleAllocations: [(module: ModuleAccount, amount: Amount)] = [
        (.training, 200_000_000 * Tokens.one), (.ecosystem, 150_000_000 * Tokens.one), (.treasury, 150_000_000 * Tokens.one),
        (.team, 100_000_000 * Tokens.one), (.publicSale, 50_000_000 * Tokens.one), (.liquidity, 50_000_000 * Tokens.one),
    ]

    /// A bound on `--tx-fee` that keeps every fee sum the simulator forms far from overflow.
    public static let maxTransactionFee: Amount = 1_000_000 * Tokens.one

    /// The public-sale share, from which the synthetic accounts are funded.
    public static var publicSale: Amount {
        moduleAllocations.first { $0.module == .publicSale }?.amount ?? 0
    }

    /// Blocks in one emission year; nil if it does not fit in 64 bits.
    public var blocksPerYear: UInt64? {
        let (blocks, overflow) = epochsPerYear.multipliedReportingOverflow(by: epochLength)
        return overflow ? nil : blocks
    }

    /// The chain's parameters: the devnet defaults with this scenario's year, emission and fees.
    public func parameters() throws(SimulationError) -> Parameters {
        try validate()
        var parameters = Parameters.defaults
        parameters.epochLength = epochLength
        parameters.compute.blocksPerYear = blocksPerYear ?? 0
        if let initialAnnualEmission { parameters.compute.initialAnnualEmission = initialAnnualEmission }
        if let halvingYears { parameters.compute.halvingYears = halvingYears }
        if let terminalAnnualEmission { parameters.compute.terminalAnnualEmission = terminalAnnualEmission }
        if let miningCap { parameters.compute.miningCap = miningCap }
        if let protocolFeeBps { parameters.compute.protocolFeeBps = protocolFeeBps }
        if let feeSplit { parameters.feeSplit = feeSplit }
        if let verification { parameters.compute.verification = verification }
        let problems = parameters.violations()
        guard problems.isEmpty else { throw .invalidParameters(problems) }
        if let transactionFee, transactionFee < parameters.minFee || transactionFee > Self.maxTransactionFee {
            throw .invalidOption(
                option: "--tx-fee",
                problem: "must be between the minimum fee of \(Tokens.format(parameters.minFee)) AI and "
                    + "\(Tokens.format(Self.maxTransactionFee)) AI")
        }
        let minimumPrice = parameters.compute.minUnitPrice.multipliedReportingOverflow(by: Amount(maxUnits))
        guard !minimumPrice.overflow, minPrice >= minimumPrice.partialValue else {
            throw .invalidOption(
                option: "--min-price",
                problem: "must be at least \(minimumPrice.overflow ? "(overflow)" : Tokens.format(minimumPrice.partialValue)) AI: "
                    + "the chain's minimum of \(Tokens.format(parameters.compute.minUnitPrice)) AI per unit times --max-units \(maxUnits)")
        }
        let minStake = parameters.staking.minStake
        guard providerBalance >= 2 * minStake else {
            throw .invalidOption(
                option: "--provider-balance",
                problem: "must be at least \(Tokens.format(2 * minStake)) AI: twice the minimum stake, "
                    + "so a provider can stake and pay fees")
        }
        return parameters
    }

    /// Range checks that need no chain parameters.
    public func validate() throws(SimulationError) {
        func check(_ ok: Bool, _ option: String, _ problem: String) throws(SimulationError) {
            if !ok { throw .invalidOption(option: option, problem: problem) }
        }
        try check((1...100_000).contains(epochs), "--epochs", "must be between 1 and 100000")
        try check((1...1000).contains(providers), "--providers", "must be between 1 and 1000")
        try check((1...10_000).contains(consumers), "--consumers", "must be between 1 and 10000")
        try check((0...2000).contains(jobsPerBlock), "--jobs-per-block", "must be between 0 and 2000")
        try check((0...2000).contains(transfersPerBlock), "--transfers-per-block", "must be between 0 and 2000")
        try check((1...100_000).contains(epochLength), "--epoch-length", "must be between 1 and 100000 blocks")
        try check((1...100_000).contains(epochsPerYear), "--epochs-per-year", "must be between 1 and 100000")
        let (blocks, overflow) = epochs.multipliedReportingOverflow(by: epochLength)
        try check(!overflow && blocks <= 10_000_000, "--epochs", "times --epoch-length must be at most 10000000 blocks")
        try check(minUnits >= 1 && minUnits <= maxUnits, "--min-units", "must be at least 1 and at most --max-units (\(maxUnits))")
        try check(minPrice <= maxPrice, "--min-price", "must not exceed --max-price (\(Tokens.format(maxPrice)) AI)")
        try check(consumerBalance > 0, "--consumer-balance", "must be greater than zero")
        try check((0...100).contains(validators), "--validators", "must be between 0 and 100")
        try check(badProviderBps <= 10_000, "--bad-provider-bps", "must be at most 10000")
        // One block may hold at most 10,000 transactions; the first also carries every provider's stake.
        try check(
            providers * 3 + validators + jobsPerBlock + transfersPerBlock <= Int(Parameters.defaults.maxBlockTransactions), "--jobs-per-block",
            "plus --transfers-per-block and 3 × --providers must fit in one block of "
                + "\(Parameters.defaults.maxBlockTransactions) transactions")
        let needed = fundingNeeded
        guard let needed, needed <= Self.publicSale else {
            throw .fundingExceedsPublicSale(needed: needed ?? .max, available: Self.publicSale)
        }
    }

    /// Σ genesis balances of the synthetic accounts; nil on overflow.
    var fundingNeeded: Amount? {
        let providerTotal = providerBalance.multipliedReportingOverflow(by: Amount(providers))
        let consumerTotal = consumerBalance.multipliedReportingOverflow(by: Amount(consumers))
        let validatorTotal = validatorBalance.multipliedReportingOverflow(by: Amount(validators))
        guard !providerTotal.overflow, !consumerTotal.overflow, !validatorTotal.overflow else { return nil }
        let sum = providerTotal.partialValue.addingReportingOverflow(consumerTotal.partialValue)
        let all = sum.partialValue.addingReportingOverflow(validatorTotal.partialValue)
        return sum.overflow || all.overflow ? nil : all.partialValue
    }

    /// A validator's genesis balance: its stake and 100 AI for verdict fees.
    var validatorBalance: Amount {
        let (balance, overflow) = validatorStake.addingReportingOverflow(100 * Tokens.one)
        return overflow ? .max : balance
    }
}
