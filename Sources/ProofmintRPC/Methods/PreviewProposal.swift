import ProofmintCore

/// `pm_previewProposal` result: what executing the proposal in the next block would do, computed by the state
/// transition's own execution code on an uncommitted copy of the state. Only its kind's section is present.
public struct ProposalPreview: RPCObject {
    public var id: UInt64
    public var kind: String
    public var status: String
    /// The head.
    public var height: UInt64
    /// `height + 1`: where the preview executes it.
    public var atHeight: UInt64
    public var wouldExecute: Bool
    /// Why it would not execute: a transaction error, or code 0 `finished` for a proposal already decided.
    public var error: Failure?
    @Omittable public var changes: [ParameterChangeView]?
    @Omittable public var projection: ProjectionView?
    @Omittable public var balances: [AccountChangeView]?
    @Omittable public var stake: AccountChangeView?
    @Omittable public var burnedTotal: AmountChangeView?
    @Omittable public var upgrade: UpgradeView?
    @Omittable public var effect: String?

    /// The transaction error a preview reports: `error.data`'s members for a rejected transaction, kept as its own
    /// type so that members of other refusals (a rate limit's wait) never appear in the preview's schema.
    public struct Failure: RPCObject {
        @Omittable public var code: UInt16?
        public var name: String
        public var message: String

        public init(code: UInt16? = nil, name: String, message: String) {
            self.code = code
            self.name = name
            self.message = message
        }
    }

    public init(_ proposal: GovernanceProposal, height: UInt64) {
        id = proposal.id
        kind = proposal.content.kind.name
        status = proposal.status.name
        self.height = height
        atHeight = height + 1
        wouldExecute = false
    }
}

/// One parameter before and after (values in the parameter's unit, as decimal strings).
public struct ParameterChangeView: RPCObject {
    public var name: String
    public var unit: String
    public var before: UInt128
    public var after: UInt128
    public init(_ spec: ParameterSpec, before: Parameters, after: Parameters) {
        name = spec.name
        unit = spec.unit.rawValue
        self.before = spec.value(in: before)
        self.after = spec.value(in: after)
    }
}

/// Emission of the next epochs (if each has work) and fee figures, under the parameters before and after.
public struct ProjectionView: RPCObject {
    public var fromEpoch: UInt64
    public var emissionBefore: [Amount]
    public var emissionAfter: [Amount]
    public var feesBefore: FeeFiguresView
    public var feesAfter: FeeFiguresView
    public init(fromEpoch: UInt64, emissionBefore: [Amount], emissionAfter: [Amount], feesBefore: FeeFiguresView, feesAfter: FeeFiguresView) {
        self.fromEpoch = fromEpoch
        self.emissionBefore = emissionBefore
        self.emissionAfter = emissionAfter
        self.feesBefore = feesBefore
        self.feesAfter = feesAfter
    }
}

/// What fees come to under one parameter set.
public struct FeeFiguresView: RPCNamedObject {
    public static let rpcName = "FeeFigures"

    public var minFee: Amount
    public var protocolFeeOn100Ai: Amount
    public var minFeeSplit: FeeSharesView

    enum CodingKeys: String, CodingKey {
        case minFee
        case protocolFeeOn100Ai = "protocol_fee_on_100_ai"
        case minFeeSplit
    }

    public init(_ parameters: Parameters) {
        minFee = parameters.minFee
        protocolFeeOn100Ai = FeeSplit.portion(100 * Tokens.one, parameters.compute.protocolFeeBps)
        minFeeSplit = FeeSharesView(parameters.feeSplit.shares(of: parameters.minFee))
    }
}

/// A fee's four shares.
public struct FeeSharesView: RPCObject {
    public var burn: Amount
    public var rewardPool: Amount
    public var treasury: Amount
    public var liquidity: Amount
    public init(_ shares: (burn: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount)) {
        burn = shares.burn
        rewardPool = shares.rewardPool
        treasury = shares.treasury
        liquidity = shares.liquidity
    }
}

/// One account's figure (a balance, a stake) before and after.
public struct AccountChangeView: RPCObject {
    public var address: Address
    public var before: Amount
    public var after: Amount
    public init(address: Address, before: Amount, after: Amount) {
        self.address = address
        self.before = before
        self.after = after
    }
}

/// A total before and after.
public struct AmountChangeView: RPCObject {
    public var before: Amount
    public var after: Amount
    public init(before: Amount, after: Amount) {
        self.before = before
        self.after = after
    }
}

/// A named upgrade, its height, and whether this node knows it (a node that does not stops at `height`).
public struct UpgradeView: RPCObject {
    public var name: String
    public var height: UInt64
    public var knownToThisNode: Bool
    public init(name: String, height: UInt64, knownToThisNode: Bool) {
        self.name = name
        self.height = height
        self.knownToThisNode = knownToThisNode
    }
}
