/// Every parameter governance may change, with its bounds: the source of docs/PARAMETERS.md
/// (`proofmintd parameters --markdown`). The lock-step table is not in it: it changes only with a protocol upgrade.
public enum ParameterRegistry {
    public static let all: [ParameterSpec] = general + staking + compute + governance

    public static func spec(named name: String) -> ParameterSpec? { all.first { $0.name == name } }

    private static let AI = Tokens.one

    private static let general: [ParameterSpec] = [
        ParameterSpec("min_fee", .amount, 1, 1000 * AI, "smallest fee a transaction may carry (the spam bound)",
                      get: { $0.minFee }, set: { $0.minFee = $1 }),
        ParameterSpec("max_tx_bytes", .bytes, 256, 1 << 20, "largest encoded signed transaction",
                      get: { UInt128($0.maxTransactionBytes) }, set: { $0.maxTransactionBytes = UInt32(clamping: $1) }),
        ParameterSpec("max_block_transactions", .count, 1, 100_000, "most transactions in one block",
                      get: { UInt128($0.maxBlockTransactions) }, set: { $0.maxBlockTransactions = UInt32(clamping: $1) }),
        ParameterSpec("max_block_bytes", .bytes, 256, 64 << 20, "largest total of encoded transactions in one block",
                      get: { UInt128($0.maxBlockBytes) }, set: { $0.maxBlockBytes = UInt32(clamping: $1) }),
        ParameterSpec("fee_split_bps.burn", .bps, 0, 10_000, "share of every fee burned (the four shares add up to 10000)",
                      get: { UInt128($0.feeSplit.burnBps) }, set: { $0.feeSplit.burnBps = UInt16(clamping: $1) }),
        ParameterSpec("fee_split_bps.reward_pool", .bps, 0, 10_000, "share of every fee to the provider reward pool",
                      get: { UInt128($0.feeSplit.rewardPoolBps) }, set: { $0.feeSplit.rewardPoolBps = UInt16(clamping: $1) }),
        ParameterSpec("fee_split_bps.treasury", .bps, 0, 10_000, "share of every fee to the treasury",
                      get: { UInt128($0.feeSplit.treasuryBps) }, set: { $0.feeSplit.treasuryBps = UInt16(clamping: $1) }),
        ParameterSpec("fee_split_bps.liquidity", .bps, 0, 10_000, "share of every fee to liquidity incentives",
                      get: { UInt128($0.feeSplit.liquidityBps) }, set: { $0.feeSplit.liquidityBps = UInt16(clamping: $1) }),
        ParameterSpec("epoch_length", .blocks, 1, 1_000_000, "blocks per epoch (locks, rewards)",
                      get: { UInt128($0.epochLength) }, set: { $0.epochLength = UInt64(clamping: $1) }),
    ]

    private static let staking: [ParameterSpec] = [
        ParameterSpec("staking.min_stake", .amount, 1, 1_000_000 * AI, "smallest active stake a provider may hold",
                      get: { $0.staking.minStake }, set: { $0.staking.minStake = $1 }),
        ParameterSpec("staking.unbonding_period", .blocks, 0, 10_000_000, "blocks an unstaked amount waits",
                      get: { UInt128($0.staking.unbondingPeriod) }, set: { $0.staking.unbondingPeriod = UInt64(clamping: $1) }),
        ParameterSpec("staking.unstake_burn_bps", .bps, 0, 10_000, "share of every unstaked amount burned",
                      get: { UInt128($0.staking.unstakeBurnBps) }, set: { $0.staking.unstakeBurnBps = UInt16(clamping: $1) }),
        ParameterSpec("staking.max_lock_epochs", .epochs, 0, 10_000, "longest lock a stake may carry",
                      get: { UInt128($0.staking.maxLockEpochs) }, set: { $0.staking.maxLockEpochs = UInt32(clamping: $1) }),
        ParameterSpec("staking.max_unbonding_entries", .count, 1, 256, "unbonding entries one account may have",
                      get: { UInt128($0.staking.maxUnbondingEntries) }, set: { $0.staking.maxUnbondingEntries = UInt16(clamping: $1) }),
        ParameterSpec("staking.slash_sla_min_bps", .bps, 0, 10_000, "lowest slash rate for an SLA violation",
                      get: { UInt128($0.staking.slashSLAMinBps) }, set: { $0.staking.slashSLAMinBps = UInt16(clamping: $1) }),
        ParameterSpec("staking.slash_sla_max_bps", .bps, 0, 10_000, "highest slash rate for an SLA violation",
                      get: { UInt128($0.staking.slashSLAMaxBps) }, set: { $0.staking.slashSLAMaxBps = UInt16(clamping: $1) }),
        ParameterSpec("staking.slash_attestation_bps", .bps, 0, 10_000, "slash rate for an attestation failure",
                      get: { UInt128($0.staking.slashAttestationBps) }, set: { $0.staking.slashAttestationBps = UInt16(clamping: $1) }),
        ParameterSpec("staking.slash_malicious_bps", .bps, 0, 10_000, "slash rate for malicious behaviour and double signing",
                      get: { UInt128($0.staking.slashMaliciousBps) }, set: { $0.staking.slashMaliciousBps = UInt16(clamping: $1) }),
        ParameterSpec("staking.jail_period_blocks", .blocks, 1, 10_000_000, "blocks from jailing before unjail is allowed",
                      get: { UInt128($0.staking.jailPeriodBlocks) }, set: { $0.staking.jailPeriodBlocks = UInt64(clamping: $1) }),
        ParameterSpec("staking.unjail_fee", .amount, 0, 1_000_000 * AI, "burned by every unjail on top of its fee",
                      get: { $0.staking.unjailFee }, set: { $0.staking.unjailFee = $1 }),
    ] + PrivacyTier.allCases.map { tier in
        let index = Int(tier.rawValue)
        return ParameterSpec(
            "staking.tier_multipliers_bps.\(index)", .bps, 10_000, 50_000, "earnings and power multiplier of privacy tier \(index) (\(tier.name))",
            get: { index < $0.staking.tierMultipliersBps.count ? UInt128($0.staking.tierMultipliersBps[index]) : 0 },
            set: { if index < $0.staking.tierMultipliersBps.count { $0.staking.tierMultipliersBps[index] = UInt16(clamping: $1) } })
    }

    private static let compute: [ParameterSpec] = [
        ParameterSpec("compute.blocks_per_year", .blocks, 1, 1_000_000_000, "blocks in one emission year",
                      get: { UInt128($0.compute.blocksPerYear) }, set: { $0.compute.blocksPerYear = UInt64(clamping: $1) }),
        ParameterSpec("compute.initial_annual_emission", .amount, 0, 1_000_000_000 * AI, "emission of years 1 to halving_years",
                      get: { $0.compute.initialAnnualEmission }, set: { $0.compute.initialAnnualEmission = $1 }),
        ParameterSpec("compute.halving_years", .years, 1, 100, "years between halvings",
                      get: { UInt128($0.compute.halvingYears) }, set: { $0.compute.halvingYears = UInt64(clamping: $1) }),
        ParameterSpec("compute.terminal_annual_emission", .amount, 0, 1_000_000_000 * AI, "the annual emission's floor",
                      get: { $0.compute.terminalAnnualEmission }, set: { $0.compute.terminalAnnualEmission = $1 }),
        ParameterSpec("compute.mining_cap", .amount, 0, 1_000_000_000 * AI, "the most Proof of Compute may ever mint",
                      get: { $0.compute.miningCap }, set: { $0.compute.miningCap = $1 }),
        ParameterSpec("compute.protocol_fee_bps", .bps, 0, 10_000, "protocol fee on every compute payment",
                      get: { UInt128($0.compute.protocolFeeBps) }, set: { $0.compute.protocolFeeBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.quality_min_bps", .bps, 1, 50_000, "quality multiplier at score 0",
                      get: { UInt128($0.compute.qualityMinBps) }, set: { $0.compute.qualityMinBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.quality_max_bps", .bps, 1, 50_000, "quality multiplier at score 100",
                      get: { UInt128($0.compute.qualityMaxBps) }, set: { $0.compute.qualityMaxBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.proof_window_epochs", .epochs, 0, 100, "how many epochs late a receipt may arrive",
                      get: { UInt128($0.compute.proofWindowEpochs) }, set: { $0.compute.proofWindowEpochs = UInt64(clamping: $1) }),
        ParameterSpec("compute.min_unit_price", .amount, 0, 1000 * AI, "lowest price per compute unit",
                      get: { $0.compute.minUnitPrice }, set: { $0.compute.minUnitPrice = $1 }),
        ParameterSpec("compute.reputation_per_proof", .count, 0, 1000, "reputation an accepted receipt adds",
                      get: { UInt128($0.compute.reputationPerProof) }, set: { $0.compute.reputationPerProof = UInt16(clamping: $1) }),
    ] + verification

    /// Protocol version 3: sampling, validation, challenges and the reward cap (`ComputeParameters.verification`).
    private static let verification: [ParameterSpec] = [
        ParameterSpec("compute.sample_bps", .bps, 0, 10_000, "least probability that a receipt is sampled for validation",
                      get: { UInt128($0.compute.verification.sampleBps) }, set: { $0.compute.verification.sampleBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.sample_value", .amount, 1, 1_000_000 * AI, "receipt value from which sampling is certain (probability grows with value)",
                      get: { $0.compute.verification.sampleValue }, set: { $0.compute.verification.sampleValue = $1 }),
        ParameterSpec("compute.sample_delay_blocks", .blocks, 1, 1000, "blocks between a receipt and the beacon that decides its sampling",
                      get: { UInt128($0.compute.verification.sampleDelayBlocks) }, set: { $0.compute.verification.sampleDelayBlocks = UInt64(clamping: $1) }),
        ParameterSpec("compute.validation_window_blocks", .blocks, 1, 1_000_000, "blocks an assigned validator has for its verdict",
                      get: { UInt128($0.compute.verification.validationWindowBlocks) }, set: { $0.compute.verification.validationWindowBlocks = UInt64(clamping: $1) }),
        ParameterSpec("compute.max_reassignments", .count, 0, 10, "times a missed validation is handed to another validator",
                      get: { UInt128($0.compute.verification.maxReassignments) }, set: { $0.compute.verification.maxReassignments = UInt8(clamping: $1) }),
        ParameterSpec("compute.validation_fee_bps", .bps, 0, 10_000, "share of every compute price paid to the validation account",
                      get: { UInt128($0.compute.verification.validationFeeBps) }, set: { $0.compute.verification.validationFeeBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.validation_reward", .amount, 0, 1_000_000 * AI, "the most a verdict given in time earns (its receipt's validation fee over its sampling probability)",
                      get: { $0.compute.verification.validationReward }, set: { $0.compute.verification.validationReward = $1 }),
        ParameterSpec("compute.missed_validation_slash_bps", .bps, 0, 10_000, "slashed from a validator that misses its validation window",
                      get: { UInt128($0.compute.verification.missedValidationSlashBps) }, set: { $0.compute.verification.missedValidationSlashBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.false_pass_slash_bps", .bps, 0, 10_000, "slashed from a validator whose pass is overturned by an upheld challenge",
                      get: { UInt128($0.compute.verification.falsePassSlashBps) }, set: { $0.compute.verification.falsePassSlashBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.validator_min_stake", .amount, 1, 1_000_000 * AI, "stake a compute validator needs",
                      get: { $0.compute.verification.validatorMinStake }, set: { $0.compute.verification.validatorMinStake = $1 }),
        ParameterSpec("compute.max_validators", .count, 1, 1000, "size of the compute validator set",
                      get: { UInt128($0.compute.verification.maxValidators) }, set: { $0.compute.verification.maxValidators = UInt32(clamping: $1) }),
        ParameterSpec("compute.unverified_quality_max", .count, 0, 100, "highest consumer quality score counted before a validator confirms it",
                      get: { UInt128($0.compute.verification.unverifiedQualityMax) }, set: { $0.compute.verification.unverifiedQualityMax = UInt8(clamping: $1) }),
        ParameterSpec("compute.challenge_window_blocks", .blocks, 1, 1_000_000, "blocks after a receipt during which it may be challenged",
                      get: { UInt128($0.compute.verification.challengeWindowBlocks) }, set: { $0.compute.verification.challengeWindowBlocks = UInt64(clamping: $1) }),
        ParameterSpec("compute.challenge_bond", .amount, 0, 1_000_000 * AI, "bonded by a challenger",
                      get: { $0.compute.verification.challengeBond }, set: { $0.compute.verification.challengeBond = $1 }),
        ParameterSpec("compute.resolution_window_blocks", .blocks, 1, 1_000_000, "blocks validators have to vote on a challenge",
                      get: { UInt128($0.compute.verification.resolutionWindowBlocks) }, set: { $0.compute.verification.resolutionWindowBlocks = UInt64(clamping: $1) }),
        ParameterSpec("compute.resolution_quorum_bps", .bps, 1, 10_000, "share of validator stake that must vote for a challenge to be decided",
                      get: { UInt128($0.compute.verification.resolutionQuorumBps) }, set: { $0.compute.verification.resolutionQuorumBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.challenger_reward_bps", .bps, 0, 10_000, "share of an upheld challenge's slash paid to the challenger",
                      get: { UInt128($0.compute.verification.challengerRewardBps) }, set: { $0.compute.verification.challengerRewardBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.reward_cap_bps", .bps, 0, 10_000, "a provider's epoch reward is at most this share of its standing receipts' value",
                      get: { UInt128($0.compute.verification.rewardCapBps) }, set: { $0.compute.verification.rewardCapBps = UInt16(clamping: $1) }),
        ParameterSpec("compute.settlement_batch", .count, 1, 100_000, "settlement steps (a provider paid or a record pruned) per block",
                      get: { UInt128($0.compute.verification.settlementBatch) }, set: { $0.compute.verification.settlementBatch = UInt32(clamping: $1) }),
    ]

    private static let governance: [ParameterSpec] = [
        ParameterSpec("governance.min_deposit", .amount, 1, 1_000_000 * AI, "deposit locked with every proposal",
                      get: { $0.governance.minDeposit }, set: { $0.governance.minDeposit = $1 }),
        ParameterSpec("governance.min_proposer_power", .power, 0, UInt128(UInt64.max), "voting power a proposer needs",
                      get: { $0.governance.minProposerPower }, set: { $0.governance.minProposerPower = $1 }),
        ParameterSpec("governance.voter_min_stake", .amount, 0, 1_000_000 * AI, "stake an account needs to vote (Sybil bound)",
                      get: { $0.governance.voterMinStake }, set: { $0.governance.voterMinStake = $1 }),
        ParameterSpec("governance.block_time_ms", .milliseconds, 1, 86_400_000, "block time used to turn days into blocks",
                      get: { UInt128($0.governance.blockTimeMs) }, set: { $0.governance.blockTimeMs = UInt64(clamping: $1) }),
        ParameterSpec("governance.pass_threshold_bps", .bps, 5000, 9999, "yes must exceed this share of yes + no",
                      get: { UInt128($0.governance.passThresholdBps) }, set: { $0.governance.passThresholdBps = UInt16(clamping: $1) }),
        ParameterSpec("governance.timelock_blocks", .blocks, 0, 10_000_000, "blocks between a passing tally and execution",
                      get: { UInt128($0.governance.timelockBlocks) }, set: { $0.governance.timelockBlocks = UInt64(clamping: $1) }),
        ParameterSpec("governance.max_change_bps", .bps, 1, 2000, "largest change of one parameter within one change window",
                      get: { UInt128($0.governance.maxChangeBps) }, set: { $0.governance.maxChangeBps = UInt16(clamping: $1) }),
        ParameterSpec("governance.change_window_blocks", .blocks, 86_400, 100_000_000, "window of the step rule, from a parameter's first change",
                      get: { UInt128($0.governance.changeWindowBlocks) }, set: { $0.governance.changeWindowBlocks = UInt64(clamping: $1) }),
        ParameterSpec("governance.max_spend_bps", .bps, 1, 2000, "most paid from one module account within one change window, of its balance at the window's start",
                      get: { UInt128($0.governance.maxSpendBps) }, set: { $0.governance.maxSpendBps = UInt16(clamping: $1) }),
        ParameterSpec("governance.max_active_proposals", .count, 1, 1000, "proposals voting or waiting at once",
                      get: { UInt128($0.governance.maxActiveProposals) }, set: { $0.governance.maxActiveProposals = UInt32(clamping: $1) }),
    ] + ProposalKind.withOwnRule.flatMap { kind -> [ParameterSpec] in
        let index = Int(kind.rawValue) - 1
        return [
            ParameterSpec(
                "governance.quorum_bps.\(kind.name)", .bps, 1, 10_000, "quorum of \(kind.name) proposals",
                get: { index < $0.governance.rules.count ? UInt128($0.governance.rules[index].quorumBps) : 0 },
                set: { if index < $0.governance.rules.count { $0.governance.rules[index].quorumBps = UInt16(clamping: $1) } }),
            ParameterSpec(
                "governance.voting_days.\(kind.name)", .days, 1, 365, "voting period of \(kind.name) proposals",
                get: { index < $0.governance.rules.count ? UInt128($0.governance.rules[index].votingDays) : 0 },
                set: { if index < $0.governance.rules.count { $0.governance.rules[index].votingDays = UInt32(clamping: $1) } }),
        ]
    }
}
