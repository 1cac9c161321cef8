/// The rules that make Proof of Compute pay only for work an independent party could check (protocol version 3):
/// how receipts are sampled for validation, how long validators and challengers have, what they stake and earn,
/// and how much of a receipt's value its reward may reach.
public struct VerificationParameters: Equatable, Sendable {
    /// Every receipt is sampled with at least this probability (basis points).
    public var sampleBps: UInt16
    /// On top of `sampleBps`, a receipt is sampled with probability `value / sample_value`: a receipt worth this much
    /// or more is always checked, so splitting fake value into small receipts never lowers the expected detections.
    public var sampleValue: Amount
    /// Blocks between a receipt's block and the block whose randomness mix decides its sampling (at least 1, so the
    /// decision uses a beacon produced after the receipt was fixed).
    public var sampleDelayBlocks: UInt64
    /// Blocks an assigned validator has to send its verdict.
    public var validationWindowBlocks: UInt64
    /// How many times a missed validation is handed to another validator before the receipt stands unverified.
    public var maxReassignments: UInt8
    /// Share of every compute price paid into the `validation` module account (seed 002: 0.5% to quality validators).
    public var validationFeeBps: UInt16
    /// The most a verdict given in time earns from the `validation` module account (which pays the receipt's validation
    /// fee divided by its sampling probability, up to this).
    public var validationReward: Amount
    /// Slashed from a validator that lets its validation window pass without a verdict.
    public var missedValidationSlashBps: UInt16
    /// Slashed from a validator whose `pass` verdict is overturned by an upheld challenge.
    public var falsePassSlashBps: UInt16
    /// Stake a validator needs to join the compute validator set, to be assigned, and to vote on challenges.
    public var validatorMinStake: Amount
    /// Size of the compute validator set; when full, a newcomer must out-stake the smallest member, who leaves.
    public var maxValidators: UInt32
    /// The highest consumer quality score that counts until a validator confirms it (0–100).
    public var unverifiedQualityMax: UInt8
    /// Blocks after a receipt's block during which anyone may challenge it.
    public var challengeWindowBlocks: UInt64
    /// Bonded by a challenger: returned if upheld or undecided, paid to the provider if rejected.
    public var challengeBond: Amount
    /// Blocks validators have to vote on a challenge.
    public var resolutionWindowBlocks: UInt64
    /// Share of the validator set's stake that must vote for a challenge to be decided at its deadline.
    public var resolutionQuorumBps: UInt16
    /// Share of the provider's slash paid to the challenger of an upheld challenge (the rest is burned).
    public var challengerRewardBps: UInt16
    /// A provider's epoch reward is at most this share of the value its standing receipts paid.
    public var rewardCapBps: UInt16
    /// Settlement work (one provider paid, or one record pruned) done at most per block.
    public var settlementBatch: UInt32

    public static let defaults = VerificationParameters(
        sampleBps: 1000, sampleValue: 100 * Tokens.one, sampleDelayBlocks: 1, validationWindowBlocks: 20, maxReassignments: 2,
        validationFeeBps: 50, validationReward: Tokens.one / 2, missedValidationSlashBps: 100, falsePassSlashBps: 1000,
        validatorMinStake: 100 * Tokens.one, maxValidators: 100, unverifiedQualityMax: 50, challengeWindowBlocks: 60,
        challengeBond: 10 * Tokens.one, resolutionWindowBlocks: 20, resolutionQuorumBps: 3340, challengerRewardBps: 5000,
        rewardCapBps: 5000, settlementBatch: 1000)

    public init(
        sampleBps: UInt16, sampleValue: Amount, sampleDelayBlocks: UInt64, validationWindowBlocks: UInt64, maxReassignments: UInt8,
        validationFeeBps: UInt16, validationReward: Amount, missedValidationSlashBps: UInt16, falsePassSlashBps: UInt16,
        validatorMinStake: Amount, maxValidators: UInt32, unverifiedQualityMax: UInt8, challengeWindowBlocks: UInt64,
        challengeBond: Amount, resolutionWindowBlocks: UInt64, resolutionQuorumBps: UInt16, challengerRewardBps: UInt16,
        rewardCapBps: UInt16, settlementBatch: UInt32
    ) {
        self.sampleBps = sampleBps
        self.sampleValue = sampleValue
        self.sampleDelayBlocks = sampleDelayBlocks
        self.validationWindowBlocks = validationWindowBlocks
        self.maxReassignments = maxReassignments
        self.validationFeeBps = validationFeeBps
        self.validationReward = validationReward
        self.missedValidationSlashBps = missedValidationSlashBps
        self.falsePassSlashBps = falsePassSlashBps
        self.validatorMinStake = validatorMinStake
        self.maxValidators = maxValidators
        self.unverifiedQualityMax = unverifiedQualityMax
        self.challengeWindowBlocks = challengeWindowBlocks
        self.challengeBond = challengeBond
        self.resolutionWindowBlocks = resolutionWindowBlocks
        self.resolutionQuorumBps = resolutionQuorumBps
        self.challengerRewardBps = challengerRewardBps
        self.rewardCapBps = rewardCapBps
        self.settlementBatch = settlementBatch
    }

    /// The probability, in basis points, that a receipt worth `value` is sampled: `min(10000, sample_bps +
    /// ⌊value × 10000 / sample_value⌋)`.
    public func sampleProbabilityBps(value: Amount) -> UInt16 {
        let byValue = sampleValue == 0 ? 10_000 : WideArithmetic.multiplyDivide(value, 10_000, sampleValue)
        return UInt16(min(10_000, Amount(sampleBps) + min(byValue, 10_000)))
    }

    /// The last height any window opened for a receipt accepted at `height` can reach under these parameters.
    public func windowsClose(acceptedAt height: UInt64) -> UInt64 {
        let validation = sampleDelayBlocks.saturatingAdd(validationWindowBlocks.saturatingMultiply(UInt64(maxReassignments) + 1))
        let challenge = challengeWindowBlocks.saturatingAdd(resolutionWindowBlocks)
        return height.saturatingAdd(max(validation, challenge))
    }

    func violations(protocolFeeBps: UInt16) -> [String] {
        var problems = [String]()
        if sampleBps > 10_000 { problems.append("compute.sample_bps must be at most 10000") }
        if sampleValue == 0 { problems.append("compute.sample_value must be above 0") }
        if sampleDelayBlocks == 0 { problems.append("compute.sample_delay_blocks must be at least 1 (the beacon must come after the receipt)") }
        if validationWindowBlocks == 0 || resolutionWindowBlocks == 0 || challengeWindowBlocks == 0 {
            problems.append("compute.validation_window_blocks, challenge_window_blocks and resolution_window_blocks must be at least 1")
        }
        if UInt32(validationFeeBps) + UInt32(protocolFeeBps) > 10_000 {
            problems.append("compute.validation_fee_bps plus compute.protocol_fee_bps must be at most 10000")
        }
        for (name, bps) in [("missed_validation_slash_bps", missedValidationSlashBps), ("false_pass_slash_bps", falsePassSlashBps),
                            ("resolution_quorum_bps", resolutionQuorumBps), ("challenger_reward_bps", challengerRewardBps),
                            ("reward_cap_bps", rewardCapBps)] where bps > 10_000 {
            problems.append("compute.\(name) must be at most 10000")
        }
        if maxValidators == 0 || maxValidators > 1000 { problems.append("compute.max_validators must be between 1 and 1000") }
        if unverifiedQualityMax > ComputeReceipt.maxQualityScore { problems.append("compute.unverified_quality_max must be at most 100") }
        if settlementBatch == 0 { problems.append("compute.settlement_batch must be at least 1") }
        return problems
    }
}

extension VerificationParameters: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u16(sampleBps)
        writer.u128(sampleValue)
        writer.u64(sampleDelayBlocks)
        writer.u64(validationWindowBlocks)
        writer.u8(maxReassignments)
        writer.u16(validationFeeBps)
        writer.u128(validationReward)
        writer.u16(missedValidationSlashBps)
        writer.u16(falsePassSlashBps)
        writer.u128(validatorMinStake)
        writer.u32(maxValidators)
        writer.u8(unverifiedQualityMax)
        writer.u64(challengeWindowBlocks)
        writer.u128(challengeBond)
        writer.u64(resolutionWindowBlocks)
        writer.u16(resolutionQuorumBps)
        writer.u16(challengerRewardBps)
        writer.u16(rewardCapBps)
        writer.u32(settlementBatch)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> VerificationParameters {
        VerificationParameters(
            sampleBps: try reader.u16(), sampleValue: try reader.u128(), sampleDelayBlocks: try reader.u64(),
            validationWindowBlocks: try reader.u64(), maxReassignments: try reader.u8(), validationFeeBps: try reader.u16(),
            validationReward: try reader.u128(), missedValidationSlashBps: try reader.u16(), falsePassSlashBps: try reader.u16(),
            validatorMinStake: try reader.u128(), maxValidators: try reader.u32(), unverifiedQualityMax: try reader.u8(),
            challengeWindowBlocks: try reader.u64(), challengeBond: try reader.u128(), resolutionWindowBlocks: try reader.u64(),
            resolutionQuorumBps: try reader.u16(), challengerRewardBps: try reader.u16(), rewardCapBps: try reader.u16(),
            settlementBatch: try reader.u32())
    }
}

extension UInt64 {
    func saturatingAdd(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    func saturatingMultiply(_ other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
