import ProofmintCore

/// Every JSON-RPC method the node serves (docs/RPC.md documents each; a test keeps the two in step).
public enum RPCMethod: String, CaseIterable, Sendable {
    case status = "pm_status"
    case sendTransaction = "pm_sendTransaction"
    case getAccount = "pm_getAccount"
    case getBlock = "pm_getBlock"
    case getTransaction = "pm_getTransaction"
    case mine = "pm_mine"
    case getParameters = "pm_getParameters"
    case getSupply = "pm_getSupply"
    case getStake = "pm_getStake"
    case getProviders = "pm_getProviders"
    case getEpoch = "pm_getEpoch"
    case getRewards = "pm_getRewards"
    case getProposals = "pm_getProposals"
    case getProposal = "pm_getProposal"
    case previewProposal = "pm_previewProposal"
    case getReceipt = "pm_getReceipt"
    case getPendingValidations = "pm_getPendingValidations"
    case getChallenges = "pm_getChallenges"
    case getComputeValidators = "pm_getComputeValidators"
    case getAttestors = "pm_getAttestors"
    case setNextBlockTimestamp = "pm_setNextBlockTimestamp"
    case increaseTime = "pm_increaseTime"
    case setMiningMode = "pm_setMiningMode"
    case faucet = "pm_faucet"
    case getSupplyHistory = "pm_getSupplyHistory"
    case getAccountHistory = "pm_getAccountHistory"

    case snapshot = "pm_snapshot"
    case revert = "pm_revert"
    case listSnapshots = "pm_listSnapshots"
    case deleteSnapshot = "pm_deleteSnapshot"

    case getRawBlocks = "pm_getRawBlocks"
    case waitForHead = "pm_waitForHead"

    /// A devnet control method: it changes the chain outside consensus (mining now, time, mining modes, the faucet,
    /// snapshots and revert), so the node serves it only when started with `--dev-control`, and only to a caller with
    /// the control token when one is configured (docs/RPC.md, "The edge"). All but `pm_mine` also need a devnet chain
    /// (docs/RPC.md, "Devnet tools").
    public var isControl: Bool {
        switch self {
        case .mine, .setNextBlockTimestamp, .increaseTime, .setMiningMode, .faucet: return true
        case .snapshot, .revert, .listSnapshots, .deleteSnapshot: return true
        default: return false
        }
    }

    /// The typed request and answer of each method: what the node decodes and encodes, and the wallet the reverse.
    public var call: any RPCCall.Type {
        switch self {
        case .status: return Calls.Status.self
        case .sendTransaction: return Calls.SendTransaction.self
        case .getAccount: return Calls.GetAccount.self
        case .getBlock: return Calls.GetBlock.self
        case .getTransaction: return Calls.GetTransaction.self
        case .mine: return Calls.Mine.self
        case .getParameters: return Calls.GetParameters.self
        case .getSupply: return Calls.GetSupply.self
        case .getStake: return Calls.GetStake.self
        case .getProviders: return Calls.GetProviders.self
        case .getEpoch: return Calls.GetEpoch.self
        case .getRewards: return Calls.GetRewards.self
        case .getProposals: return Calls.GetProposals.self
        case .getProposal: return Calls.GetProposal.self
        case .previewProposal: return Calls.PreviewProposal.self
        case .getReceipt: return Calls.GetReceipt.self
        case .getPendingValidations: return Calls.GetPendingValidations.self
        case .getChallenges: return Calls.GetChallenges.self
        case .getComputeValidators: return Calls.GetComputeValidators.self
        case .getAttestors: return Calls.GetAttestors.self
        case .setNextBlockTimestamp: return Calls.SetNextBlockTimestamp.self
        case .increaseTime: return Calls.IncreaseTime.self
        case .setMiningMode: return Calls.SetMiningMode.self
        case .faucet: return Calls.Faucet.self
        case .getSupplyHistory: return Calls.GetSupplyHistory.self
        case .getAccountHistory: return Calls.GetAccountHistory.self
        case .snapshot: return Calls.Snapshot.self
        case .revert: return Calls.Revert.self
        case .listSnapshots: return Calls.ListSnapshots.self
        case .deleteSnapshot: return Calls.DeleteSnapshot.self
        case .getRawBlocks: return Calls.GetRawBlocks.self
        case .waitForHead: return Calls.WaitForHead.self
        }
    }
}

/// One method of the contract: its name, its named parameters and its result, each a `Codable` type whose JSON
/// form `JSONValueEncoder` fixes.
public protocol RPCCall {
    associatedtype Params: RPCObject
    associatedtype Result: RPCObject
    static var method: RPCMethod { get }
}

/// A value of the contract: encoded and decoded by the RPC's rules, comparable in tests.
public protocol RPCObject: Codable, Sendable, Equatable {}

extension RPCObject {
    /// This value as the JSON the node sends and `--json` prints.
    public var json: JSONValue {
        (try? JSONValueEncoder.encode(self)) ?? .null
    }
}

/// No parameters.
public struct NoParams: RPCObject {
    public init() {}
}

/// The methods as types (`Calls.GetAccount.Params`, `Calls.GetAccount.Result`).
public enum Calls {
    public enum Status: RPCCall {
        public typealias Params = NoParams
        public typealias Result = StatusResult
        public static let method = RPCMethod.status
    }

    public enum SendTransaction: RPCCall {
        public typealias Params = SendTransactionParams
        public typealias Result = SendTransactionResult
        public static let method = RPCMethod.sendTransaction
    }

    public enum GetAccount: RPCCall {
        public typealias Params = AccountParams
        public typealias Result = AccountResult
        public static let method = RPCMethod.getAccount
    }

    public enum GetBlock: RPCCall {
        public typealias Params = BlockParams
        public typealias Result = BlockView
        public static let method = RPCMethod.getBlock
    }

    public enum GetTransaction: RPCCall {
        public typealias Params = TransactionParams
        public typealias Result = TransactionResult
        public static let method = RPCMethod.getTransaction
    }

    public enum Mine: RPCCall {
        public typealias Params = MineParams
        public typealias Result = MineResult
        public static let method = RPCMethod.mine
    }

    public enum GetParameters: RPCCall {
        public typealias Params = NoParams
        public typealias Result = ParametersResult
        public static let method = RPCMethod.getParameters
    }

    public enum GetSupply: RPCCall {
        public typealias Params = NoParams
        public typealias Result = SupplyResult
        public static let method = RPCMethod.getSupply
    }

    public enum GetStake: RPCCall {
        public typealias Params = AddressParams
        public typealias Result = StakeResult
        public static let method = RPCMethod.getStake
    }

    public enum GetProviders: RPCCall {
        public typealias Params = LimitParams
        public typealias Result = ProvidersResult
        public static let method = RPCMethod.getProviders
    }

    public enum GetEpoch: RPCCall {
        public typealias Params = EpochParams
        public typealias Result = EpochResult
        public static let method = RPCMethod.getEpoch
    }

    public enum GetRewards: RPCCall {
        public typealias Params = RewardsParams
        public typealias Result = RewardsResult
        public static let method = RPCMethod.getRewards
    }

    public enum GetProposals: RPCCall {
        public typealias Params = ProposalsParams
        public typealias Result = ProposalsResult
        public static let method = RPCMethod.getProposals
    }

    public enum GetProposal: RPCCall {
        public typealias Params = ProposalParams
        public typealias Result = ProposalResult
        public static let method = RPCMethod.getProposal
    }

    public enum PreviewProposal: RPCCall {
        public typealias Params = ProposalParams
        public typealias Result = ProposalPreview
        public static let method = RPCMethod.previewProposal
    }

    public enum GetReceipt: RPCCall {
        public typealias Params = JobParams
        public typealias Result = ReceiptRecordResult
        public static let method = RPCMethod.getReceipt
    }

    public enum GetPendingValidations: RPCCall {
        public typealias Params = PendingValidationsParams
        public typealias Result = PendingValidationsResult
        public static let method = RPCMethod.getPendingValidations
    }

    public enum GetChallenges: RPCCall {
        public typealias Params = ChallengesParams
        public typealias Result = ChallengesResult
        public static let method = RPCMethod.getChallenges
    }

    public enum GetComputeValidators: RPCCall {
        public typealias Params = NoParams
        public typealias Result = ComputeValidatorsResult
        public static let method = RPCMethod.getComputeValidators
    }

    public enum GetAttestors: RPCCall {
        public typealias Params = NoParams
        public typealias Result = AttestorsResult
        public static let method = RPCMethod.getAttestors
    }

    public enum SetNextBlockTimestamp: RPCCall {
        public typealias Params = NextTimestampParams
        public typealias Result = BlockClockResult
        public static let method = RPCMethod.setNextBlockTimestamp
    }

    public enum IncreaseTime: RPCCall {
        public typealias Params = IncreaseTimeParams
        public typealias Result = BlockClockResult
        public static let method = RPCMethod.increaseTime
    }

    public enum SetMiningMode: RPCCall {
        public typealias Params = MiningModeParams
        public typealias Result = MiningModeResult
        public static let method = RPCMethod.setMiningMode
    }

    public enum Faucet: RPCCall {
        public typealias Params = FaucetParams
        public typealias Result = FaucetResult
        public static let method = RPCMethod.faucet
    }

    public enum GetSupplyHistory: RPCCall {
        public typealias Params = SupplyHistoryParams
        public typealias Result = SupplyHistoryResult
        public static let method = RPCMethod.getSupplyHistory
    }

    public enum GetAccountHistory: RPCCall {
        public typealias Params = AccountHistoryParams
        public typealias Result = AccountHistoryResult
        public static let method = RPCMethod.getAccountHistory
    }

    public enum Snapshot: RPCCall {
        public typealias Params = SnapshotNameParams
        public typealias Result = SnapshotView
        public static let method = RPCMethod.snapshot
    }

    public enum Revert: RPCCall {
        public typealias Params = SnapshotNameParams
        public typealias Result = RevertResult
        public static let method = RPCMethod.revert
    }

    public enum ListSnapshots: RPCCall {
        public typealias Params = NoParams
        public typealias Result = SnapshotsResult
        public static let method = RPCMethod.listSnapshots
    }

    public enum DeleteSnapshot: RPCCall {
        public typealias Params = SnapshotNameParams
        public typealias Result = SnapshotView
        public static let method = RPCMethod.deleteSnapshot
    }

    public enum GetRawBlocks: RPCCall {
        public typealias Params = RawBlocksParams
        public typealias Result = RawBlocksResult
        public static let method = RPCMethod.getRawBlocks
    }

    public enum WaitForHead: RPCCall {
        public typealias Params = WaitForHeadParams
        public typealias Result = WaitForHeadResult
        public static let method = RPCMethod.waitForHead
    }
}

extension RPCObject {
    /// Decodes this value from JSON, naming members from `path` in errors (`'result.balance' is missing`).
    public init(json: JSONValue, path: String = "result") throws(JSONShapeError) {
        self = try JSONValueDecoder.decode(Self.self, from: json, path: path)
    }
}
