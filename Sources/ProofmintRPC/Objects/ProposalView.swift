import ProofmintCore

/// A governance proposal with its tally: the recorded one once voting ended, else the tally as it would be now.
public struct ProposalView: RPCNamedObject {
    public static let rpcName = "Proposal"

    public var id: UInt64
    public var kind: String
    public var proposer: Address
    public var content: ProposalContentView
    public var deposit: Amount
    /// `voting`, `passed`, `executed`, `rejected` or `execution_failed`.
    public var status: String
    public var submitHeight: UInt64
    public var votingEndHeight: UInt64
    public var executeHeight: UInt64?
    /// Only while `voting`: the blocks after the answer's height that still take votes.
    @Omittable public var blocksLeft: UInt64?
    public var voters: UInt64
    /// The rules for its kind in force now.
    public var quorumBps: UInt64
    public var passThresholdBps: UInt64
    /// For `execution_failed`: the transaction error name that stopped execution.
    public var failure: String?
    public var tally: TallyView?

    public init(_ proposal: GovernanceProposal, parameters: Parameters, height: UInt64, liveTally: Tally?) {
        id = proposal.id
        kind = proposal.content.kind.name
        proposer = proposal.proposer
        content = ProposalContentView(proposal.content)
        deposit = proposal.deposit
        status = proposal.status.name
        submitHeight = proposal.submitHeight
        votingEndHeight = proposal.votingEndHeight
        executeHeight = proposal.executeHeight
        voters = UInt64(proposal.voterCount)
        quorumBps = UInt64(parameters.governance.rule(proposal.content.kind).quorumBps)
        passThresholdBps = UInt64(parameters.governance.passThresholdBps)
        failure = proposal.failureCode == 0 ? nil : TransactionError.name(forCode: proposal.failureCode)
        if proposal.status == .voting {
            blocksLeft = proposal.votingEndHeight >= height ? proposal.votingEndHeight - height : 0
            tally = liveTally.map { TallyView($0, final: false) }
        } else {
            tally = proposal.tally.map { TallyView($0, final: true) }
        }
    }
}

/// Quadratic power per option, the same votes in linear unjailed stake, and the stake that took part against the
/// total (the quorum). A proposal passes only with both majorities (docs/PROTOCOL.md §12.7).
public struct TallyView: RPCNamedObject {
    public static let rpcName = "Tally"

    public var yes: UInt128
    public var no: UInt128
    public var abstain: UInt128
    public var yesStake: Amount
    public var noStake: Amount
    public var abstainStake: Amount
    public var participationStake: Amount
    public var totalStake: Amount
    public var quorumReached: Bool
    public var passes: Bool
    /// True once the voting period ended (the recorded tally); false for the tally as it would be now.
    public var final: Bool

    public init(_ tally: Tally, final: Bool) {
        yes = tally.yes
        no = tally.no
        abstain = tally.abstain
        yesStake = tally.yesStake
        noStake = tally.noStake
        abstainStake = tally.abstainStake
        participationStake = tally.participationStake
        totalStake = tally.totalStake
        quorumReached = tally.quorumReached
        passes = tally.passed
        self.final = final
    }
}

/// One voter's latest choice.
public struct VoteView: RPCObject {
    public var voter: Address
    public var option: String
    public init(voter: Address, option: String) {
        self.voter = voter
        self.option = option
    }
}
