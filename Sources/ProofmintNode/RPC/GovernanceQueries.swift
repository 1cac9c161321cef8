import Foundation
import ProofmintCore
import ProofmintStorage

/// `pm_getProposals`, `pm_getProposal` and `pm_previewProposal` (docs/RPC.md). Each answer is read from one snapshot.
extension RPCMethods {
    func proposals(_ params: RPCParams) throws(RPCError) -> Any {
        let status = params.has("status") ? try params.string("status") : nil
        if let status, !GovernanceProposal.Status.allCases.contains(where: { $0.name == status }) {
            let names = GovernanceProposal.Status.allCases.map(\.name).joined(separator: ", ")
            throw .invalidParams("'status' must be one of \(names)")
        }
        return try read { snapshot -> [String: Any] in
            var listed = [[String: Any]]()
            for (key, value) in try snapshot.entries(of: .proposal) {
                let proposal = try StateKey.decode(GovernanceProposal.self, value, storedAt: key)
                guard status == nil || proposal.status.name == status else { continue }
                listed.append(try JSONView.proposal(proposal, snapshot: snapshot))
            }
            return ["height": try snapshot.height(), "proposals": listed]
        }
    }

    func proposal(_ params: RPCParams) throws(RPCError) -> Any {
        let id = try params.integer("id")
        return try read { snapshot -> [String: Any] in
            guard let proposal = try snapshot.record(GovernanceProposal.self, at: .proposal(id)) else {
                throw RPCError.notFound("there is no proposal \(id)")
            }
            var object = try JSONView.proposal(proposal, snapshot: snapshot)
            object["votes"] = try proposal.voters.map { voter -> [String: Any] in
                let option = try snapshot.record(VoteRecord.self, at: .vote(proposal: id, voter: voter))
                return ["voter": voter.text, "option": option?.option.name ?? "unknown"]
            }
            return object
        }
    }

    /// The dry run: the proposal's effect computed by the state transition's own execution code on a copy of the
    /// state (an overlay that is never committed).
    func previewProposal(_ params: RPCParams) throws(RPCError) -> Any {
        let id = try params.integer("id")
        return try read { snapshot -> [String: Any] in
            guard let proposal = try snapshot.record(GovernanceProposal.self, at: .proposal(id)) else {
                throw RPCError.notFound("there is no proposal \(id)")
            }
            return try GovernancePreview.make(proposal, snapshot: snapshot)
        }
    }
}

extension JSONView {
    /// A proposal with its tally: the recorded one once voting ended, else the tally as it would be now.
    static func proposal(_ proposal: GovernanceProposal, snapshot: StateSnapshot) throws -> [String: Any] {
        let height = try snapshot.height()
        let parameters = try snapshot.parameters()
        let rule = parameters.governance.rule(proposal.content.kind)
        var object: [String: Any] = [
            "height": height, "id": proposal.id, "kind": proposal.content.kind.name, "proposer": proposal.proposer.text,
            "content": proposalContent(proposal.content), "deposit": String(proposal.deposit), "status": proposal.status.name,
            "submit_height": proposal.submitHeight, "voting_end_height": proposal.votingEndHeight,
            "execute_height": proposal.executeHeight.map { $0 as Any } ?? NSNull(), "voters": proposal.voters.count,
            "quorum_bps": rule.quorumBps, "pass_threshold_bps": parameters.governance.passThresholdBps,
            "failure": proposal.failureCode == 0 ? NSNull() : TransactionError.name(forCode: proposal.failureCode) as Any,
        ]
        if proposal.status == .voting {
            object["blocks_left"] = proposal.votingEndHeight >= height ? proposal.votingEndHeight - height : 0
            let stakePower = try snapshot.record(GovernanceState.self, at: .governance)?.stakePower ?? 0
            do {
                object["tally"] = tally(try GovernanceEndBlock.tally(proposal, parameters: parameters, stakePower: stakePower, state: snapshot), final: false)
            } catch {
                throw StateReadError("tally of proposal \(proposal.id): \(error)")
            }
        } else {
            object["tally"] = proposal.tally.map { tally($0, final: true) as Any } ?? NSNull()
        }
        return object
    }

    static func tally(_ tally: Tally, final: Bool) -> [String: Any] {
        [
            "yes": String(tally.yes), "no": String(tally.no), "abstain": String(tally.abstain),
            "participation": String(tally.participation), "total_stake_power": String(tally.totalStakePower),
            "quorum_reached": tally.quorumReached, "passes": tally.passed, "final": final,
        ]
    }
}
