import Foundation
import ProofmintCore
import ProofmintStorage

/// What a proposal would change if it executed at the next block, computed with `GovernanceExecution.apply` on an
/// uncommitted overlay of the current state, and, for parameters that drive emission or fees, the figures they
/// project for the next epochs.
enum GovernancePreview {
    static let projectedEpochs: UInt64 = 5

    static func make(_ proposal: GovernanceProposal, snapshot: StateSnapshot) throws -> [String: Any] {
        let height = try snapshot.height()
        let before = try snapshot.parameters()
        var overlay = StateOverlay(base: snapshot)
        var object: [String: Any] = [
            "id": proposal.id, "kind": proposal.content.kind.name, "status": proposal.status.name, "height": height, "at_height": height + 1,
        ]
        if proposal.status != .voting && proposal.status != .passed {
            // Finished: say so rather than show the effect of executing it a second time.
            object["would_execute"] = false
            object["error"] = ["code": 0, "name": "finished", "message": "proposal \(proposal.id) is \(proposal.status.name): there is nothing left to preview"] as [String: Any]
            return object
        }
        do {
            try GovernanceExecution.apply(proposal, height: height + 1, parameters: before, state: &overlay)
            object["would_execute"] = true
            object["error"] = NSNull()
        } catch {
            object["would_execute"] = false
            object["error"] = ["code": Int(error.code), "name": error.name, "message": error.description] as [String: Any]
            return object
        }
        switch proposal.content {
        case let .parameterChange(changes):
            let after = try overlay.parameters()
            object["changes"] = changes.compactMap { change -> [String: Any]? in
                guard let spec = ParameterRegistry.spec(named: change.name) else { return nil }
                return ["name": spec.name, "unit": spec.unit.rawValue, "before": String(spec.value(in: before)), "after": String(spec.value(in: after))]
            }
            object["projection"] = try projection(before: before, after: after, snapshot: snapshot)
        case let .treasurySpend(recipient, _):
            object["balances"] = try [ModuleAccount.treasury.address, recipient].map { address -> [String: Any] in
                ["address": address.text, "before": String(try snapshot.account(address).balance), "after": String(try overlay.account(address).balance)]
            }
        case let .slash(provider, _, _):
            let stake = { (reader: any StateReader) throws -> String in String(try reader.record(Stake.self, at: .stake(provider))?.amount ?? 0) }
            object["stake"] = ["provider": provider.text, "before": try stake(snapshot), "after": try stake(overlay)]
            object["burned"] = ["before": String(try snapshot.totals().burned), "after": String(try overlay.totals().burned)]
        case let .upgrade(name, upgradeHeight):
            object["upgrade"] = ["name": name, "height": upgradeHeight, "known_to_this_node": UpgradePlan.known.contains(name)]
        case .text:
            object["effect"] = "none: a text proposal only records the outcome of the vote"
        }
        return object
    }

    /// Emission for the next epochs (assuming each has work) and what fees come to, under both parameter sets.
    private static func projection(before: Parameters, after: Parameters, snapshot: StateSnapshot) throws -> [String: Any] {
        let totals = try snapshot.totals()
        let epoch = try snapshot.record(EpochState.self, at: .epoch)?.number ?? 0
        func emissions(_ parameters: Parameters) -> [String] {
            var running = totals
            return (0..<projectedEpochs).map { offset in
                let amount = EpochModule.emission(epoch: epoch + offset, parameters: parameters, totals: running)
                running.minted += amount
                running.issued += amount
                return String(amount)
            }
        }
        func fees(_ parameters: Parameters) -> [String: Any] {
            let examplePrice = 100 * Tokens.one
            let protocolFee = FeeSplit.portion(examplePrice, parameters.compute.protocolFeeBps)
            let shares = parameters.feeSplit.shares(of: parameters.minFee)
            return [
                "min_fee": String(parameters.minFee), "protocol_fee_on_100_ai": String(protocolFee),
                "min_fee_split": ["burn": String(shares.burn), "reward_pool": String(shares.rewardPool), "treasury": String(shares.treasury), "liquidity": String(shares.liquidity)],
            ]
        }
        return [
            "from_epoch": epoch,
            "emission_before": emissions(before), "emission_after": emissions(after),
            "fees_before": fees(before), "fees_after": fees(after),
        ]
    }
}
