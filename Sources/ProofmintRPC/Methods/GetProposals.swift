import ProofmintCore

/// `pm_getProposals` params: optionally only the proposals with this status.
public struct ProposalsParams: RPCObject {
    public var status: String?
    public init(status: String? = nil) { self.status = status }
}

/// `pm_getProposals` result: proposals by ascending id, from the state after block `height`.
public struct ProposalsResult: RPCObject {
    public var height: UInt64
    public var proposals: [ProposalView]
    public init(height: UInt64, proposals: [ProposalView]) {
        self.height = height
        self.proposals = proposals
    }
}

/// `pm_getProposal` and `pm_previewProposal` params.
public struct ProposalParams: RPCObject {
    public var id: UInt64
    public init(id: UInt64) { self.id = id }
}

/// `pm_getProposal` result: the proposal and each voter's latest choice, in the order of first votes.
public struct ProposalResult: RPCObject {
    public var height: UInt64
    public var proposal: ProposalView
    public var votes: [VoteView]
    public init(height: UInt64, proposal: ProposalView, votes: [VoteView]) {
        self.height = height
        self.proposal = proposal
        self.votes = votes
    }
}
