
/// The genesis file format (`genesis/devnet.json`). JSON only at this edge; amounts are strings.
extension Genesis {
    /// Parses and validates a genesis file; every error names the field at fault.
    public static func parse(json: Bytes) throws(GenesisError) -> Genesis {
        let root: JSONValue
        do {
            root = try JSONParser.parse(json)
        } catch {
            throw GenesisError("genesis", "is not valid JSON: \(error)")
        }
        let top = try JSONFields(root, path: "genesis", allowed: ["chain_id", "genesis_time", "parameters", "validators", "allocations", "team_vesting", "comment"])
        if top.has("comment") { _ = try top.string("comment") }
        let chainId = try parseChainId(top)
        let time = try parseTime(top)
        let parameters = try parseParameters(top.raw("parameters"), path: "genesis.parameters")
        let validators = try parseValidators(top)
        let allocations = try parseAllocations(top)
        let vesting = try parseTeamVesting(top, allocations: allocations, parameters: parameters)
        return Genesis(
            chainId: chainId, genesisTime: time, parameters: parameters, validators: validators, allocations: allocations,
            teamVesting: vesting)
    }

    private static func parseChainId(_ top: JSONFields) throws(GenesisError) -> String {
        let chainId = try top.string("chain_id")
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !chainId.isEmpty, chainId.count <= Transaction.maxChainIdBytes, chainId.allSatisfy(allowed.contains) else {
            throw GenesisError("genesis.chain_id", "'\(chainId)' must be 1–64 characters of a-z, 0-9, '-', '_', '.'")
        }
        return chainId
    }

    private static func parseTime(_ top: JSONFields) throws(GenesisError) -> UInt64 {
        let text = try top.string("genesis_time")
        guard let milliseconds = RFC3339.unixMilliseconds(text) else {
            throw GenesisError("genesis.genesis_time", "'\(text)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
        }
        return milliseconds
    }

    static func parseParameters(_ value: JSONValue?, path: String) throws(GenesisError) -> Parameters {
        guard let value else { return .defaults }
        let fields = try JSONFields(
            value, path: path,
            allowed: [
                "min_fee", "max_tx_bytes", "max_block_transactions", "max_block_bytes", "fee_split_bps", "epoch_length", "staking", "compute", "governance",
            ])
        var parameters = Parameters.defaults
        if fields.has("min_fee") { parameters.minFee = try fields.amount("min_fee") }
        if fields.has("max_tx_bytes") { parameters.maxTransactionBytes = UInt32(try fields.integer("max_tx_bytes", max: UInt64(UInt32.max))) }
        if fields.has("max_block_transactions") {
            parameters.maxBlockTransactions = UInt32(try fields.integer("max_block_transactions", max: UInt64(UInt32.max)))
        }
        if fields.has("max_block_bytes") { parameters.maxBlockBytes = UInt32(try fields.integer("max_block_bytes", max: UInt64(UInt32.max))) }
        if fields.has("fee_split_bps") {
            let split = try JSONFields(fields.raw("fee_split_bps"), path: "\(path).fee_split_bps", allowed: ["burn", "reward_pool", "treasury", "liquidity"])
            parameters.feeSplit = FeeSplit(
                burnBps: UInt16(try split.integer("burn", max: 10_000)),
                rewardPoolBps: UInt16(try split.integer("reward_pool", max: 10_000)),
                treasuryBps: UInt16(try split.integer("treasury", max: 10_000)),
                liquidityBps: UInt16(try split.integer("liquidity", max: 10_000)))
        }
        if fields.has("epoch_length") { parameters.epochLength = try fields.integer("epoch_length") }
        if fields.has("staking") { parameters.staking = try parseStaking(fields.raw("staking"), path: "\(path).staking") }
        if fields.has("compute") { parameters.compute = try parseCompute(fields.raw("compute"), path: "\(path).compute") }
        if fields.has("governance") { parameters.governance = try parseGovernance(fields.raw("governance"), path: "\(path).governance") }
        if let problem = parameters.violations().first { throw GenesisError(path, problem) }
        return parameters
    }

    private static func parseStaking(_ value: JSONValue?, path: String) throws(GenesisError) -> StakingParameters {
        let fields = try JSONFields(value, path: path, allowed: [
            "min_stake", "unbonding_period", "unstake_burn_bps", "max_lock_epochs", "lock_steps", "tier_multipliers_bps",
            "max_unbonding_entries", "slash_sla_min_bps", "slash_sla_max_bps", "slash_attestation_bps", "slash_malicious_bps",
        ])
        var staking = StakingParameters.defaults
        let bps = UInt64(UInt16.max)
        if fields.has("min_stake") { staking.minStake = try fields.amount("min_stake") }
        if fields.has("unbonding_period") { staking.unbondingPeriod = try fields.integer("unbonding_period") }
        if fields.has("unstake_burn_bps") { staking.unstakeBurnBps = UInt16(try fields.integer("unstake_burn_bps", max: bps)) }
        if fields.has("max_lock_epochs") { staking.maxLockEpochs = UInt32(try fields.integer("max_lock_epochs", max: UInt64(UInt32.max))) }
        if fields.has("max_unbonding_entries") {
            staking.maxUnbondingEntries = UInt16(try fields.integer("max_unbonding_entries", max: bps))
        }
        if fields.has("slash_sla_min_bps") { staking.slashSLAMinBps = UInt16(try fields.integer("slash_sla_min_bps", max: bps)) }
        if fields.has("slash_sla_max_bps") { staking.slashSLAMaxBps = UInt16(try fields.integer("slash_sla_max_bps", max: bps)) }
        if fields.has("slash_attestation_bps") { staking.slashAttestationBps = UInt16(try fields.integer("slash_attestation_bps", max: bps)) }
        if fields.has("slash_malicious_bps") { staking.slashMaliciousBps = UInt16(try fields.integer("slash_malicious_bps", max: bps)) }
        if fields.has("tier_multipliers_bps") {
            var tiers = [UInt16]()
            for (index, item) in try fields.array("tier_multipliers_bps").enumerated() {
                guard let value = item.uint64Value, value <= bps else {
                    throw GenesisError("\(path).tier_multipliers_bps[\(index)]", "must be a whole number of basis points")
                }
                tiers.append(UInt16(value))
            }
            staking.tierMultipliersBps = tiers
        }
        if fields.has("lock_steps") {
            var steps = [StakingParameters.LockStep]()
            for (index, item) in try fields.array("lock_steps").enumerated() {
                let step = try JSONFields(item, path: "\(path).lock_steps[\(index)]", allowed: ["min_epochs", "multiplier_bps"])
                steps.append(.init(
                    minEpochs: UInt32(try step.integer("min_epochs", max: UInt64(UInt32.max))),
                    multiplierBps: UInt16(try step.integer("multiplier_bps", max: bps))))
            }
            staking.lockSteps = steps
        }
        return staking
    }

    private static func parseCompute(_ value: JSONValue?, path: String) throws(GenesisError) -> ComputeParameters {
        let fields = try JSONFields(value, path: path, allowed: [
            "blocks_per_year", "initial_annual_emission", "halving_years", "terminal_annual_emission", "mining_cap",
            "protocol_fee_bps", "quality_min_bps", "quality_max_bps", "proof_window_epochs", "min_unit_price", "reputation_per_proof",
        ])
        var compute = ComputeParameters.defaults
        let bps = UInt64(UInt16.max)
        if fields.has("blocks_per_year") { compute.blocksPerYear = try fields.integer("blocks_per_year") }
        if fields.has("initial_annual_emission") { compute.initialAnnualEmission = try fields.amount("initial_annual_emission") }
        if fields.has("halving_years") { compute.halvingYears = try fields.integer("halving_years") }
        if fields.has("terminal_annual_emission") { compute.terminalAnnualEmission = try fields.amount("terminal_annual_emission") }
        if fields.has("mining_cap") { compute.miningCap = try fields.amount("mining_cap") }
        if fields.has("protocol_fee_bps") { compute.protocolFeeBps = UInt16(try fields.integer("protocol_fee_bps", max: bps)) }
        if fields.has("quality_min_bps") { compute.qualityMinBps = UInt16(try fields.integer("quality_min_bps", max: bps)) }
        if fields.has("quality_max_bps") { compute.qualityMaxBps = UInt16(try fields.integer("quality_max_bps", max: bps)) }
        if fields.has("proof_window_epochs") { compute.proofWindowEpochs = try fields.integer("proof_window_epochs") }
        if fields.has("min_unit_price") { compute.minUnitPrice = try fields.amount("min_unit_price") }
        if fields.has("reputation_per_proof") { compute.reputationPerProof = UInt16(try fields.integer("reputation_per_proof", max: bps)) }
        return compute
    }

    /// `parameters.governance`: every member optional; `quorum_bps` and `voting_days` are objects keyed by proposal
    /// kind (`parameter_change`, `treasury_spend`, `upgrade`, `slash`, `text`).
    private static func parseGovernance(_ value: JSONValue?, path: String) throws(GenesisError) -> GovernanceParameters {
        let fields = try JSONFields(value, path: path, allowed: [
            "min_deposit", "min_proposer_power", "voter_min_stake", "block_time_ms", "quorum_bps", "voting_days",
            "pass_threshold_bps", "timelock_blocks", "max_change_bps", "max_active_proposals",
        ])
        var governance = GovernanceParameters.defaults
        let bps = UInt64(UInt16.max)
        if fields.has("min_deposit") { governance.minDeposit = try fields.amount("min_deposit") }
        if fields.has("min_proposer_power") { governance.minProposerPower = UInt128(try fields.integer("min_proposer_power")) }
        if fields.has("voter_min_stake") { governance.voterMinStake = try fields.amount("voter_min_stake") }
        if fields.has("block_time_ms") { governance.blockTimeMs = try fields.integer("block_time_ms") }
        if fields.has("pass_threshold_bps") { governance.passThresholdBps = UInt16(try fields.integer("pass_threshold_bps", max: bps)) }
        if fields.has("timelock_blocks") { governance.timelockBlocks = try fields.integer("timelock_blocks") }
        if fields.has("max_change_bps") { governance.maxChangeBps = UInt16(try fields.integer("max_change_bps", max: bps)) }
        if fields.has("max_active_proposals") {
            governance.maxActiveProposals = UInt32(try fields.integer("max_active_proposals", max: UInt64(UInt32.max)))
        }
        let kinds = ProposalKind.allCases.map(\.name)
        if fields.has("quorum_bps") {
            let quorums = try JSONFields(fields.raw("quorum_bps"), path: "\(path).quorum_bps", allowed: kinds)
            for kind in ProposalKind.allCases where quorums.has(kind.name) {
                governance.rules[Int(kind.rawValue) - 1].quorumBps = UInt16(try quorums.integer(kind.name, max: bps))
            }
        }
        if fields.has("voting_days") {
            let days = try JSONFields(fields.raw("voting_days"), path: "\(path).voting_days", allowed: kinds)
            for kind in ProposalKind.allCases where days.has(kind.name) {
                governance.rules[Int(kind.rawValue) - 1].votingDays = UInt32(try days.integer(kind.name, max: UInt64(UInt32.max)))
            }
        }
        return governance
    }

    /// `team_vesting`: the beneficiary of the `team` module allocation, with a cliff and an end in blocks (by default
    /// seed 001's 1-year cliff and 4-year linear vesting, in `compute.blocks_per_year`).
    private static func parseTeamVesting(
        _ top: JSONFields, allocations: [Allocation], parameters: Parameters
    ) throws(GenesisError) -> TeamVesting? {
        guard top.has("team_vesting") else { return nil }
        let path = "genesis.team_vesting"
        let fields = try JSONFields(top.raw("team_vesting"), path: path, allowed: ["beneficiary", "cliff_blocks", "duration_blocks"])
        let text = try fields.string("beneficiary")
        let beneficiary: Address
        do { beneficiary = try Address(text: text) } catch { throw GenesisError("\(path).beneficiary", error.description) }
        guard let team = allocations.first(where: { $0.address == ModuleAccount.team.address }) else {
            throw GenesisError(path, "needs an allocation to the 'team' module to vest")
        }
        let year = parameters.compute.blocksPerYear
        let (fourYears, overflow) = year.multipliedReportingOverflow(by: 4)
        let cliff = fields.has("cliff_blocks") ? try fields.integer("cliff_blocks") : year
        let duration = fields.has("duration_blocks") ? try fields.integer("duration_blocks") : (overflow ? UInt64.max : fourYears)
        guard duration > 0, cliff <= duration else {
            throw GenesisError(path, "needs 0 < duration_blocks and cliff_blocks ≤ duration_blocks, got cliff \(cliff), duration \(duration)")
        }
        return TeamVesting(beneficiary: beneficiary, total: team.amount, cliffHeight: cliff, endHeight: duration, released: 0)
    }

    private static func parseValidators(_ top: JSONFields) throws(GenesisError) -> ValidatorSet {
        let entries = try top.array("validators")
        guard !entries.isEmpty else { throw GenesisError("genesis.validators", "needs at least one validator") }
        guard entries.count <= ValidatorSet.maxValidators else {
            throw GenesisError("genesis.validators", "has \(entries.count) entries, the limit is \(ValidatorSet.maxValidators)")
        }
        var validators = [ValidatorSet.Validator]()
        for (index, entry) in entries.enumerated() {
            let path = "genesis.validators[\(index)]"
            let fields = try JSONFields(entry, path: path, allowed: ["name", "public_key"])
            let name = try fields.string("name")
            guard !name.isEmpty, name.utf8.count <= 64 else { throw GenesisError("\(path).name", "must be 1–64 bytes") }
            let hex = try fields.string("public_key")
            guard let bytes = Bytes(hex: hex), let key = try? Ed25519.PublicKey(bytes: bytes) else {
                throw GenesisError("\(path).public_key", "must be 64 hex digits (a 32-byte Ed25519 public key)")
            }
            guard key.isValidPoint else {
                throw GenesisError("\(path).public_key", "is not a valid Ed25519 public key (small-order or non-canonical point): it could never sign a block")
            }
            guard !validators.contains(where: { $0.name == name }) else { throw GenesisError("\(path).name", "'\(name)' is used twice") }
            guard !validators.contains(where: { $0.publicKey == key }) else { throw GenesisError("\(path).public_key", "is listed twice") }
            validators.append(.init(name: name, publicKey: key))
        }
        return ValidatorSet(validators: validators)
    }

    private static func parseAllocations(_ top: JSONFields) throws(GenesisError) -> [Allocation] {
        var allocations = [Allocation]()
        var seen = Set<Address>()
        var total: Amount = 0
        for (index, entry) in try top.array("allocations").enumerated() {
            let path = "genesis.allocations[\(index)]"
            let fields = try JSONFields(entry, path: path, allowed: ["name", "address", "module", "amount"])
            let address = try allocationAddress(fields, path: path)
            let amount = try fields.amount("amount")
            guard amount > 0 else { throw GenesisError("\(path).amount", "must be greater than zero") }
            guard seen.insert(address).inserted else { throw GenesisError(path, "address \(address) is allocated twice") }
            let (sum, overflow) = total.addingReportingOverflow(amount)
            guard !overflow, sum <= maxSupply else {
                throw GenesisError("genesis.allocations", "add up to more than the maximum supply of \(Tokens.format(maxSupply)) AI")
            }
            total = sum
            allocations.append(Allocation(name: try fields.optionalString("name"), address: address, amount: amount))
        }
        return allocations
    }

    private static func allocationAddress(_ fields: JSONFields, path: String) throws(GenesisError) -> Address {
        switch (fields.has("address"), fields.has("module")) {
        case (true, false):
            let text = try fields.string("address")
            do { return try Address(text: text) } catch { throw GenesisError("\(path).address", error.description) }
        case (false, true):
            let name = try fields.string("module")
            guard let module = ModuleAccount(rawValue: name) else {
                let names = ModuleAccount.allCases.map(\.rawValue)
                let hint = JSONFields.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw GenesisError("\(path).module", "unknown module '\(name)'\(hint); modules: \(names.joined(separator: ", "))")
            }
            return module.address
        default:
            throw GenesisError(path, "needs exactly one of 'address' or 'module'")
        }
    }
}
