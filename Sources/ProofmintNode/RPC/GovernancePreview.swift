import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// What a proposal would change if it executed at the next block, computed with `GovernanceExecution.apply` on an
/// uncommitted overlay of the current state, and, for parameters that drive emission or fees, the figures they
/// project for the next epochs.
enum GovernancePreview {
    static let projectedEpochs: UInt64 = 5

    static func make(_ proposal: GovernanceProposal, snapshot: StateSnapshot) throws -> ProposalPreview {
        let height = try snapshot.height()
        let before = try snapshot.parameters()
        var overlay = StateOverlay(base: snapshot)
        var preview = ProposalPreview(proposal, height: height)
        if proposal.status != .voting && proposal.status != .passed {
            // Finished: say so rather than show the effect of executing it a second time.
            preview.error = ProposalPreview.Failure(
                code: 0, name: "finished", message: "proposal \(proposal.id) is \(proposal.status.name): there is nothing left to preview")
            return preview
        }
        do {
            try GovernanceExecution.apply(proposal, height: height + 1, parameters: before, state: &overlay)
        } catch {
            preview.error = ProposalPreview.Failure(code: error.code, name: error.name, message: error.description)
            return preview
        }
        preview.wouldExecute = true
        switch proposal.content {
        case let .parameterChange(changes):
            let after = try overlay.parameters()
            preview.changes = changes.compactMap { change in
                ParameterRegistry.spec(named: change.name).map { ParameterChangeView($0, before: before, after: after) }
            }
            preview.projection = try projection(before: before, after: after, snapshot: snapshot, overlay: overlay)
        case let .treasurySpend(recipient, _, source):
            let from = SpendWindow.source(named: source)?.address ?? ModuleAccount.treasury.address
            preview.balances = try [from, recipient].map { address in
                AccountChangeView(address: address, before: try snapshot.account(address).balance, after: try overlay.account(address).balance)
            }
        case let .slash(provider, _, _):
            let stake = { (reader: any StateReader) throws -> Amount in try reader.record(Stake.self, at: .stake(provider))?.amount ?? 0 }
            preview.stake = AccountChangeView(address: provider, before: try stake(snapshot), after: try stake(overlay))
            preview.burnedTotal = AmountChangeView(before: try snapshot.totals().burned, after: try overlay.totals().burned)
        case let .upgrade(name, upgradeHeight):
            preview.upgrade = UpgradeView(name: name, height: upgradeHeight, knownToThisNode: UpgradePlan.known.contains(name))
        case .text:
            preview.effect = "none: a text proposal only records the outcome of the vote"
        case let .attestor(publicKey, name, maxTier, action):
            preview.effect = action == .add
                ? "attestor \(name) (\(publicKey.bytes.hex)) may sign attestations up to tier \(maxTier.rawValue) (\(maxTier.name))"
                : "attestor \(name) (\(publicKey.bytes.hex)) is revoked for good: the tier 2–4 multipliers resting on its attestations "
                    + "stop counting, and their providers can be reported (report_attestation) and slashed staking.slash_attestation_bps"
        }
        return preview
    }

    /// Emission for the next epochs (assuming each has work) and what fees come to, under both parameter sets.
    /// Each side reads its own emission anchor: the change may move it (§11.5).
    private static func projection(before: Parameters, after: Parameters, snapshot: StateSnapshot, overlay: StateOverlay) throws -> ProjectionView {
        let totals = try snapshot.totals()
        let epoch = try snapshot.record(EpochState.self, at: .epoch)?.number ?? 0
        let anchorBefore = try snapshot.record(EmissionAnchor.self, at: .emissionAnchor)
        let anchorAfter = try overlay.record(EmissionAnchor.self, at: .emissionAnchor)
        func emissions(_ parameters: Parameters, _ anchor: EmissionAnchor?) -> [Amount] {
            var running = totals
            return (0..<projectedEpochs).map { offset in
                let amount = EpochModule.emission(epoch: epoch + offset, parameters: parameters, totals: running, anchor: anchor)
                running.minted += amount
                running.issued += amount
                return amount
            }
        }
        return ProjectionView(
            fromEpoch: epoch, emissionBefore: emissions(before, anchorBefore), emissionAfter: emissions(after, anchorAfter),
            feesBefore: FeeFiguresView(before), feesAfter: FeeFiguresView(after))
    }
}
