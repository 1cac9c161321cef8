import ProofmintCore

/// One provider's stake as `pm_getStake` and `pm_getProviders` report it.
public struct StakeInfo: Equatable, Sendable {
    public let amount: Amount
    public let lockEpochs: UInt64
    public let lockedUntil: UInt64
    public let tier: UInt64
    public let tierName: String
    public let attestation: Hash32?
    public let reputation: UInt64
    public let jailed: Bool
    /// Staking power: amount × lock multiplier × tier multiplier × (1 + reputation/1000), floored at each step.
    public let power: Amount
    /// Seed 001's tier by amount: none, bronze, silver, gold, platinum.
    public let amountTier: String

    public init(reader: JSONObjectReader) throws(JSONShapeError) {
        amount = try reader.amount("amount")
        lockEpochs = try reader.uint64("lock_epochs")
        lockedUntil = try reader.uint64("locked_until")
        tier = try reader.uint64("tier")
        tierName = try reader.string("tier_name")
        attestation = try reader.optionalHash("attestation")
        reputation = try reader.uint64("reputation")
        jailed = try reader.bool("jailed")
        power = try reader.amount("power")
        amountTier = try reader.string("amount_tier")
    }
}

/// An unstaked amount waiting out the unbonding period.
public struct UnbondingEntry: Equatable, Sendable {
    public let amount: Amount
    /// The first height at which a withdraw pays it out.
    public let matureAt: UInt64
    /// Whether `matureAt` has been reached at the height of the answer.
    public let matured: Bool

    public init(json: JSONValue, path: String) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: path)
        amount = try reader.amount("amount")
        matureAt = try reader.uint64("mature_at")
        matured = try reader.bool("matured")
    }

    static func list(_ reader: JSONObjectReader, key: String = "unbonding") throws(JSONShapeError) -> [UnbondingEntry] {
        var entries = [UnbondingEntry]()
        for (index, item) in try reader.array(key).enumerated() {
            entries.append(try UnbondingEntry(json: item, path: "\(reader.path).\(key)[\(index)]"))
        }
        return entries
    }
}

/// `pm_getStake`: an account's stake (nil if it never staked) and its unbonding entries at a height.
public struct StakeState: Equatable, Sendable {
    public let address: Address
    public let height: UInt64
    public let stake: StakeInfo?
    public let unbonding: [UnbondingEntry]
    public let unbondingTotal: Amount
    public let json: JSONValue

    public init(json: JSONValue) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: "result")
        address = try reader.address("address")
        height = try reader.uint64("height")
        stake = try reader.optionalObject("stake").map { (stakeReader) throws(JSONShapeError) in try StakeInfo(reader: stakeReader) }
        unbonding = try UnbondingEntry.list(reader)
        unbondingTotal = try reader.amount("unbonding_total")
        self.json = json
    }
}

/// One entry of `pm_getProviders`.
public struct ProviderInfo: Equatable, Sendable {
    public let address: Address
    public let stake: StakeInfo
    public let unbonding: [UnbondingEntry]
    public let unbondingTotal: Amount

    public init(json: JSONValue, path: String) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: path)
        address = try reader.address("address")
        stake = try StakeInfo(reader: reader)
        unbonding = try UnbondingEntry.list(reader)
        unbondingTotal = try reader.amount("unbonding_total")
    }
}

/// `pm_getProviders`: providers by staking power, highest first.
public struct ProviderList: Equatable, Sendable {
    public let height: UInt64
    /// How many providers there are in all (the list may be cut at the requested limit).
    public let total: UInt64
    public let providers: [ProviderInfo]
    public let json: JSONValue

    public init(json: JSONValue) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: "result")
        height = try reader.uint64("height")
        var providers = [ProviderInfo]()
        for (index, item) in try reader.array("providers").enumerated() {
            providers.append(try ProviderInfo(json: item, path: "result.providers[\(index)]"))
        }
        self.providers = providers
        total = try reader.optionalUInt64("total") ?? UInt64(providers.count)
        self.json = json
    }
}
