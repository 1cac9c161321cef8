import ProofmintCore

/// The parameter figures governance commands need, read through the registry from `pm_getParameters`.
extension ParametersResult {
    public var minDeposit: Amount { parameters.parameters.governance.minDeposit }
    public var minProposerPower: UInt128 { parameters.parameters.governance.minProposerPower }
    public var voterMinStake: Amount { parameters.parameters.governance.voterMinStake }
    public var timelockBlocks: UInt64 { parameters.parameters.governance.timelockBlocks }
    public var maxChangeBps: UInt64 { UInt64(parameters.parameters.governance.maxChangeBps) }
    public var blockTimeMs: UInt64 { parameters.parameters.governance.blockTimeMs }

    /// Voting period in blocks of a proposal kind, by the core's own rule.
    public func votingBlocks(_ kind: ProposalKind) -> UInt64 { parameters.parameters.governance.votingPeriodBlocks(kind) }

    /// The value in force of a registry parameter (`compute.protocol_fee_bps`, `staking.tier_multipliers_bps.2`).
    public func current(_ name: String) -> UInt128? { ParameterRegistry.spec(named: name)?.value(in: parameters.parameters) }
}

/// `pm_getParameters`, `pm_getProposals`, `pm_getProposal` and `pm_previewProposal`, decoded (and so checked) before
/// anything is printed.
extension NodeClient {
    public func parameters() async throws(RPCError) -> ParametersResult { try await call(Calls.GetParameters.self) }

    public func proposals(status: String? = nil) async throws(RPCError) -> ProposalsResult {
        try await call(Calls.GetProposals.self, ProposalsParams(status: status))
    }

    public func proposal(_ id: UInt64) async throws(RPCError) -> ProposalResult {
        let result = try await call(Calls.GetProposal.self, ProposalParams(id: id))
        guard result.proposal.id == id else {
            throw .malformedResponse(url: url.absoluteString, method: RPCMethod.getProposal.rawValue, reason: "it answered for proposal \(result.proposal.id), not \(id)")
        }
        return result
    }

    /// `pm_getProposal`, or nil when the node has no proposal with this id.
    public func proposalIfAny(_ id: UInt64) async throws(RPCError) -> ProposalResult? {
        do {
            return try await proposal(id)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    public func previewProposal(_ id: UInt64) async throws(RPCError) -> ProposalPreview {
        let preview = try await call(Calls.PreviewProposal.self, ProposalParams(id: id))
        guard preview.id == id else {
            throw .malformedResponse(url: url.absoluteString, method: RPCMethod.previewProposal.rawValue, reason: "it answered for proposal \(preview.id), not \(id)")
        }
        return preview
    }
}
