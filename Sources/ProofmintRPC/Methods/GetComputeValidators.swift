import ProofmintCore

/// `pm_getComputeValidators` result: the compute validator set and the stake each member counts with when receipts
/// are assigned and challenges voted on (its stake if unjailed and at least `compute.validator_min_stake`, else 0).
public struct ComputeValidatorsResult: RPCObject {
    public var height: UInt64
    public var minStake: Amount
    public var maxValidators: UInt64
    /// Σ `counted_stake`: the denominator of challenge votes.
    public var totalStake: Amount
    public var validators: [ComputeValidatorView]

    public init(height: UInt64, minStake: Amount, maxValidators: UInt64, totalStake: Amount, validators: [ComputeValidatorView]) {
        self.height = height
        self.minStake = minStake
        self.maxValidators = maxValidators
        self.totalStake = totalStake
        self.validators = validators
    }
}

/// One member of the compute validator set.
public struct ComputeValidatorView: RPCObject {
    public var address: Address
    /// Its active stake.
    public var bonded: Amount
    public var jailed: Bool
    /// What it counts with: `bonded` if unjailed and at least the minimum, else 0 (listed, but never drawn and no vote).
    public var countedStake: Amount

    public init(address: Address, bonded: Amount, jailed: Bool, countedStake: Amount) {
        self.address = address
        self.bonded = bonded
        self.jailed = jailed
        self.countedStake = countedStake
    }
}
