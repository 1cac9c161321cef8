/// Proof of Compute's parameters: the year and the emission it carries, the protocol fee on compute payments,
/// how receipts are weighed, how late a receipt may arrive, and how receipts are verified.
public struct ComputeParameters: Equatable, Sendable {
    /// Blocks in one emission year. A year is `⌊blocks_per_year / epoch_length⌋` whole epochs, so the per-epoch
    /// amounts of a year always add up to that year's amount.
    public var blocksPerYear: UInt64
    /// Emission of years 1 to `halvingYears` (seed 001: 100M AI).
    public var initialAnnualEmission: Amount
    /// Years between halvings (seed 001: 4).
    public var halvingYears: UInt64
    /// The annual emission never falls below this (seed 001: 6.25M AI).
    public var terminalAnnualEmission: Amount
    /// Everything Proof of Compute may ever mint (seed 001: 30% of the supply, 300M AI).
    public var miningCap: Amount
    /// The protocol fee on a compute payment, in basis points of the price (seed 000: 0.3%), split like every fee.
    public var protocolFeeBps: UInt16
    /// The quality multiplier at score 0 and at score 100 (seed 000: 0.8x and 1.5x); linear in between.
    public var qualityMinBps: UInt16
    public var qualityMaxBps: UInt16
    /// How many epochs back a receipt's epoch may be: 1 lets work done just before an epoch ended still count.
    public var proofWindowEpochs: UInt64
    /// The lowest price per compute unit a receipt may carry, so weight (and with it emission) is never free.
    public var minUnitPrice: Amount
    /// Reputation points (of 1000) an accepted receipt adds to its provider.
    public var reputationPerProof: UInt16
    /// Sampling, validation, challenges and the reward cap (protocol version 3).
    public var verification: VerificationParameters

    /// Seed 001's emission over a year of 1-second blocks, seed 000's fee and multipliers.
    public static let defaults = ComputeParameters(
        blocksPerYear: 31_536_000,
        initialAnnualEmission: 100_000_000 * Tokens.one, halvingYears: 4, terminalAnnualEmission: 6_250_000 * Tokens.one,
        miningCap: 300_000_000 * Tokens.one,
        protocolFeeBps: 30, qualityMinBps: 8000, qualityMaxBps: 15_000, proofWindowEpochs: 1,
        minUnitPrice: Tokens.one / 1_000_000, reputationPerProof: 1, verification: .defaults)

    public init(
        blocksPerYear: UInt64, initialAnnualEmission: Amount, halvingYears: UInt64, terminalAnnualEmission: Amount,
        miningCap: Amount, protocolFeeBps: UInt16, qualityMinBps: UInt16, qualityMaxBps: UInt16, proofWindowEpochs: UInt64,
        minUnitPrice: Amount, reputationPerProof: UInt16, verification: VerificationParameters = .defaults
    ) {
        self.blocksPerYear = blocksPerYear
        self.initialAnnualEmission = initialAnnualEmission
        self.halvingYears = halvingYears
        self.terminalAnnualEmission = terminalAnnualEmission
        self.miningCap = miningCap
        self.protocolFeeBps = protocolFeeBps
        self.qualityMinBps = qualityMinBps
        self.qualityMaxBps = qualityMaxBps
        self.proofWindowEpochs = proofWindowEpochs
        self.minUnitPrice = minUnitPrice
        self.reputationPerProof = reputationPerProof
        self.verification = verification
    }

    /// The schedule these parameters describe for epochs of `epochLength` blocks (`violations` guarantees a year
    /// holds at least one epoch).
    public func emissionSchedule(epochLength: UInt64) -> EmissionSchedule {
        EmissionSchedule(
            initialAnnual: initialAnnualEmission, halvingYears: halvingYears, terminalAnnual: terminalAnnualEmission,
            miningCap: miningCap, epochsPerYear: epochLength == 0 ? 0 : blocksPerYear / epochLength)
    }

    /// The quality multiplier for `score` (0–100), in basis points: `min + (max − min) × score / 100`, floored.
    public func qualityMultiplierBps(score: UInt8) -> UInt16 {
        let span = UInt32(qualityMaxBps - min(qualityMinBps, qualityMaxBps))
        return qualityMinBps + UInt16(span * UInt32(min(score, ComputeReceipt.maxQualityScore)) / UInt32(ComputeReceipt.maxQualityScore))
    }

    func violations(epochLength: UInt64) -> [String] {
        var problems = [String]()
        if epochLength == 0 || blocksPerYear < epochLength {
            problems.append("compute.blocks_per_year must be at least epoch_length (a year holds at least one epoch)")
        }
        if halvingYears == 0 { problems.append("compute.halving_years must be at least 1") }
        if terminalAnnualEmission > initialAnnualEmission {
            problems.append("compute.terminal_annual_emission must not exceed initial_annual_emission")
        }
        if miningCap > Genesis.maxSupply { problems.append("compute.mining_cap must not exceed the maximum supply") }
        if protocolFeeBps > 10_000 { problems.append("compute.protocol_fee_bps must be at most 10000") }
        if qualityMinBps == 0 || qualityMinBps > qualityMaxBps || qualityMaxBps > 50_000 {
            problems.append("compute.quality_min_bps and quality_max_bps must satisfy 1 ≤ min ≤ max ≤ 50000")
        }
        if reputationPerProof > Stake.maxReputation { problems.append("compute.reputation_per_proof must be at most 1000") }
        return problems + verification.violations(protocolFeeBps: protocolFeeBps)
    }
}

extension ComputeParameters: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u64(blocksPerYear)
        writer.u128(initialAnnualEmission)
        writer.u64(halvingYears)
        writer.u128(terminalAnnualEmission)
        writer.u128(miningCap)
        writer.u16(protocolFeeBps)
        writer.u16(qualityMinBps)
        writer.u16(qualityMaxBps)
        writer.u64(proofWindowEpochs)
        writer.u128(minUnitPrice)
        writer.u16(reputationPerProof)
        writer.encode(verification)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ComputeParameters {
        ComputeParameters(
            blocksPerYear: try reader.u64(), initialAnnualEmission: try reader.u128(), halvingYears: try reader.u64(),
            terminalAnnualEmission: try reader.u128(), miningCap: try reader.u128(), protocolFeeBps: try reader.u16(),
            qualityMinBps: try reader.u16(), qualityMaxBps: try reader.u16(), proofWindowEpochs: try reader.u64(),
            minUnitPrice: try reader.u128(), reputationPerProof: try reader.u16(),
            verification: try reader.decode(VerificationParameters.self))
    }
}
