import ProofmintCore

/// `pm_getSupplyHistory` params: a height range (default the whole chain) and how many samples at most (1–1000,
/// default 200).
public struct SupplyHistoryParams: RPCObject {
    public var fromHeight: UInt64?
    public var toHeight: UInt64?
    public var points: UInt64?

    public init(fromHeight: UInt64? = nil, toHeight: UInt64? = nil, points: UInt64? = nil) {
        self.fromHeight = fromHeight
        self.toHeight = toHeight
        self.points = points
    }
}

/// `pm_getSupplyHistory` result: the supply after blocks of the range, oldest first, spread evenly when the range
/// holds more blocks than `points`.
public struct SupplyHistoryResult: RPCObject {
    public var height: UInt64
    public var samples: [SupplyPointView]

    public init(height: UInt64, samples: [SupplyPointView]) {
        self.height = height
        self.samples = samples
    }
}

/// The supply after one block, as `pm_getSupply` gives it at that height.
public struct SupplyPointView: RPCObject {
    public var height: UInt64
    public var minted: Amount
    public var burned: Amount
    public var supply: Amount
    public var circulating: Amount

    public init(height: UInt64, minted: Amount, burned: Amount, supply: Amount, circulating: Amount) {
        self.height = height
        self.minted = minted
        self.burned = burned
        self.supply = supply
        self.circulating = circulating
    }
}
