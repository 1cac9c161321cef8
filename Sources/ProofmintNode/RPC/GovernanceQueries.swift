import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// `pm_getProposals`, `pm_getProposal` and `pm_previewProposal` (docs/RPC.md). Each answer is read from one snapshot.
extension RPCMethods {
    func proposals(_ params: ProposalsParams) throws(RPCErrorObject) -> ProposalsResult {
        if let status = params.status, !GovernanceProposal.Status.allCases.contains(where: { $0.name == status }) {
            let names = GovernanceProposal.Status.allCases.map(\.name).joined(separator: ", ")
            throw .invalidParams("'status' must be one of \(names)")
        }
        return try read { snapshot in
            var listed = [ProposalView]()
            for (key, value) in try snapshot.entries(of: .proposal) {
                let proposal = try StateKey.decode(GovernanceProposal.self, value, storedAt: key)
                guard params.status == nil || proposal.status.name == params.status else { continue }
                listed.append(try Self.view(proposal, snapshot: snapshot))
            }
            return ProposalsResult(height: try snapshot.height(), proposals: listed)
        }
    }

    func proposal(_ params: ProposalParams) throws(RPCErrorObject) -> ProposalResult {
        try read { snapshot in
            let proposal = try Self.proposal(params.id, in: snapshot)
            // From the voter index records (0x11), in the order of first votes: no prefix scan.
            let votes = try GovernanceVoters.all(of: proposal, state: snapshot).map { voter in
                let option = try snapshot.record(VoteRecord.self, at: .vote(proposal: params.id, voter: voter))
                return VoteView(voter: voter, option: option?.option.name ?? "unknown")
            }
            return ProposalResult(height: try snapshot.height(), proposal: try Self.view(proposal, snapshot: snapshot), votes: votes)
        }
    }

    /// The dry run: the proposal's effect computed by the state transition's own execution code on a copy of the
    /// state (an overlay that is never committed).
    func previewProposal(_ params: ProposalParams) throws(RPCErrorObject) -> ProposalPreview {
        try read { snapshot in try GovernancePreview.make(try Self.proposal(params.id, in: snapshot), snapshot: snapshot) }
    }

    private static func proposal(_ id: UInt64, in snapshot: StateSnapshot) throws -> GovernanceProposal {
        guard let proposal = try snapshot.record(GovernanceProposal.self, at: .proposal(id)) else {
            throw RPCErrorObject.notFound("there is no proposal \(id)")
        }
        return proposal
    }

    /// A proposal with its tally: the recorded one once voting ended, else the tally as it would be now.
    private static func view(_ proposal: GovernanceProposal, snapshot: StateSnapshot) throws -> ProposalView {
        let parameters = try snapshot.parameters()
        var live: Tally?
        if proposal.status == .voting {
            let totalStake = try snapshot.record(GovernanceState.self, at: .governance)?.totalStake ?? 0
            do {
                live = try GovernanceEndBlock.tally(proposal, parameters: parameters, totalStake: totalStake, state: snapshot)
            } catch {
                throw StateReadError("tally of proposal \(proposal.id): \(error)")
            }
        }
        return ProposalView(proposal, parameters: parameters, height: try snapshot.height(), liveTally: live)
    }
}
