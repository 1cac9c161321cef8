
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
        let top = try JSONFields(root, path: "genesis", allowed: ["chain_id", "genesis_time", "parameters", "validators", "allocations", "team_vesting", "attestors", "devnet", "comment"])
        if top.has("comment") { _ = try top.string("comment") }
        let chainId = try parseChainId(top)
        let time = try parseTime(top)
        let parameters = try parseParameters(top.raw("parameters"), path: "genesis.parameters")
        let (validators, bondAmounts) = try parseValidators(top)
        let allocations = try parseAllocations(top)
        let bonds = try checkBonds(bondAmounts, validators: validators, allocations: allocations, parameters: parameters)
        let vesting = try parseTeamVesting(top, allocations: allocations, parameters: parameters)
        let attestors = try GenesisAttestor.parseList(top)
        return Genesis(
            chainId: chainId, genesisTime: time, parameters: parameters, validators: validators, allocations: allocations,
            teamVesting: vesting, bonds: bonds, attestors: attestors, devnet: try top.flag("devnet"))
    }

    private static func parseChainId(_ top: JSONFields) throws(GenesisError) -> String {
        let chainId = try top.string("chain_id")
        try checkChainId(chainId, path: "genesis.chain_id")
        return chainId
    }

    /// A chain id is 1–64 characters of a-z, 0-9, '-', '_', '.'.
    static func checkChainId(_ chainId: String, path: String) throws(GenesisError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !chainId.isEmpty, chainId.count <= Transaction.maxChainIdBytes, chainId.allSatisfy(allowed.contains) else {
            throw GenesisError(path, "'\(chainId)' must be 1–64 characters of a-z, 0-9, '-', '_', '.'")
        }
    }

    private static func parseTime(_ top: JSONFields) throws(GenesisError) -> UInt64 {
        let text = try top.string("genesis_time")
        guard let milliseconds = RFC3339.unixMilliseconds(text) else {
            throw GenesisError("genesis.genesis_time", "'\(text)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z")
        }
        return milliseconds
    }

    /// `parameters`: nested objects whose leaves are `ParameterRegistry` names (`staking.min_stake` is the member
    /// `min_stake` of `staking`; `staking.tier_multipliers_bps.2` the third item of that array), each optional, read in
    /// its registry JSON form and held to its registry bounds, plus `staking.lock_steps`. The registry is the only
    /// list of names: a member it does not know is refused with the nearest name it does.
    static func parseParameters(_ value: JSONValue?, path: String) throws(GenesisError) -> Parameters {
        guard let value else { return .defaults }
        var parameters = Parameters.defaults
        try GenesisParameters(path: path).read(value, prefix: "", into: &parameters)
        if let problem = parameters.violations().first { throw GenesisError(path, problem) }
        return parameters
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

    /// Each validator's `bond` must be at least `staking.min_stake` and covered by the allocation of the validator's
    /// own address (`Address(publicKey:)`), from which it is taken.
    private static func checkBonds(
        _ amounts: [Amount?], validators: ValidatorSet, allocations: [Allocation], parameters: Parameters
    ) throws(GenesisError) -> [ValidatorBond] {
        var bonds = [ValidatorBond]()
        for (index, (validator, amount)) in zip(validators.validators, amounts).enumerated() {
            guard let amount else { continue }
            let path = "genesis.validators[\(index)].bond"
            let address = Address(publicKey: validator.publicKey)
            guard amount >= parameters.staking.minStake else {
                throw GenesisError(path, "\(Tokens.format(amount)) AI is below staking.min_stake (\(Tokens.format(parameters.staking.minStake)) AI)")
            }
            guard let allocation = allocations.first(where: { $0.address == address }) else {
                throw GenesisError(path, "is taken from the validator's own allocation, and its address \(address) has none in genesis.allocations")
            }
            guard allocation.amount >= amount else {
                throw GenesisError(
                    path, "\(Tokens.format(amount)) AI is more than the \(Tokens.format(allocation.amount)) AI allocated to the validator's address \(address)")
            }
            bonds.append(ValidatorBond(address: address, amount: amount))
        }
        return bonds
    }

    private static func parseValidators(_ top: JSONFields) throws(GenesisError) -> (ValidatorSet, [Amount?]) {
        let entries = try top.array("validators")
        guard !entries.isEmpty else { throw GenesisError("genesis.validators", "needs at least one validator") }
        guard entries.count <= ValidatorSet.maxValidators else {
            throw GenesisError("genesis.validators", "has \(entries.count) entries, the limit is \(ValidatorSet.maxValidators)")
        }
        var validators = [ValidatorSet.Validator]()
        var bonds = [Amount?]()
        for (index, entry) in entries.enumerated() {
            let path = "genesis.validators[\(index)]"
            let fields = try JSONFields(entry, path: path, allowed: ["name", "public_key", "bond"])
            bonds.append(fields.has("bond") ? try fields.amount("bond") : nil)
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
        return (ValidatorSet(validators: validators), bonds)
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
