import Foundation
import ProofmintAudit
import ProofmintCore

/// Audit reports and reward explanations as text and JSON.
enum AuditSummary {
    static func json(_ report: AuditReport) -> [String: Any] {
        let last = report.blocks.last?.totals ?? .zero
        return [
            "replay": ReplayOutput.json(report.replay),
            "blocks": report.blocks.count, "invariant_violations": report.invariantViolations,
            "final": ["supply": String(last.supply), "issued": String(last.issued), "minted": String(last.minted), "burned": String(last.burned),
                      "fees_paid": String(last.feesPaid), "staked": String(last.staked), "unbonding": String(last.unbonding)],
            "epochs": report.epochs.map { row -> [String: Any] in
                let s = row.settlement
                return [
                    "epoch": row.epoch, "started_at": s.startedAt, "finished_at": s.finishedAt.map { $0 as Any } ?? NSNull(), "proofs": row.proofs,
                    "emission": String(s.emission), "pool_reserved": String(s.poolReserved), "minted": String(s.minted),
                    "from_pool": String(s.fromPool), "paid": String(s.paid), "forfeited": String(s.forfeited), "capped": String(s.capped),
                    "vested": String(row.vested),
                    "rewards": row.rewards.map { ["provider": $0.provider.text, "reward": String($0.reward), "forfeited": $0.forfeited] as [String: Any] },
                ]
            },
            "governance": report.governance.map { ["height": $0.height, "proposal": $0.proposal, "kind": $0.kind, "status": $0.status] as [String: Any] },
        ]
    }

    static func text(_ report: AuditReport, out: String) -> String {
        let last = report.blocks.last?.totals ?? .zero
        let paid = report.epochs.reduce(Amount(0)) { $0 + $1.settlement.paid }
        var lines = [
            ReplayOutput.text(report.replay),
            "supply        \(Tokens.format(last.supply)) AI (minted \(Tokens.format(last.minted)), burned \(Tokens.format(last.burned)))",
            "epochs        \(report.epochs.count) settled, \(Tokens.format(paid)) AI paid to providers",
            "governance    \(report.governance.count) proposal outcomes",
            report.invariantViolations.isEmpty
                ? "invariant     holds after every block" : "INVARIANT FAILS at blocks \(report.invariantViolations.prefix(10).map(String.init).joined(separator: ", "))",
        ]
        lines.append("wrote         \(out)/blocks.csv, epochs.csv, audit.json, supply.svg")
        return lines.joined(separator: "\n")
    }

    static func json(_ e: RewardExplanation) -> [String: Any] {
        [
            "provider": e.provider.text, "epoch": e.epoch, "providers": e.providers,
            "receipts": e.receipts.map {
                ["height": $0.height, "job_id": $0.jobId.hex, "consumer": $0.consumer.text, "units": $0.units, "quality_bps": $0.qualityBps,
                 "tier_bps": $0.tierBps, "weight": String($0.weight), "price": String($0.price), "status": $0.status] as [String: Any]
            },
            "provider_weight": String(e.providerWeight), "provider_value": String(e.providerValue), "total_weight": String(e.totalWeight),
            "emission": String(e.settlement?.emission ?? 0), "scheduled_emission": String(e.scheduledEmission),
            "pool_reserved": String(e.settlement?.poolReserved ?? 0), "distributable": String(e.distributable),
            "share": String(e.share), "reward_cap_bps": e.rewardCapBps, "value_cap": String(e.valueCap),
            "stake_at_payment": e.stakeAtPayment.map { String($0) as Any } ?? NSNull(), "cap": String(e.cap), "computed_reward": String(e.computedReward), "recorded_reward": e.recordedReward.map { String($0) as Any } ?? NSNull(),
            "forfeited": e.forfeited, "epoch_had_work": !e.epochHadNoWork, "consistent": e.consistent,
        ]
    }

    static func text(_ e: RewardExplanation) -> String {
        if e.epochHadNoWork {
            return [
                "Provider \(e.provider), epoch \(e.epoch): no accepted work in this epoch from any provider",
                "emission          \(e.settlement?.emission ?? 0) (an epoch without standing work mints nothing; the reward pool waits for the next one)",
                "paid              \(e.settlement?.paid ?? 0)",
                e.consistent
                    ? "the settlement matches: nothing minted, nothing paid"
                    : "MISMATCH: the settlement of an epoch without work minted or paid something",
            ].joined(separator: "\n")
        }
        var lines = ["Provider \(e.provider), epoch \(e.epoch): \(e.receipts.count) accepted receipt(s)"]
        for r in e.receipts {
            lines.append("  block \(r.height)  job \(r.jobId.hex.prefix(16))…  price \(r.price) × \(r.qualityBps) quality bps × \(r.tierBps) tier bps → weight \(r.weight) (\(r.status))")
        }
        lines += [
            "provider weight   \(e.providerWeight) (standing value \(e.providerValue))",
            "epoch weight      \(e.totalWeight) over \(e.providers) provider(s)",
            "emission          \(e.settlement?.emission ?? 0) (schedule gives \(e.scheduledEmission))",
            "reward pool       \(e.settlement?.poolReserved ?? 0) reserved",
            "share             ⌊(\(e.settlement?.emission ?? 0) + \(e.settlement?.poolReserved ?? 0)) × \(e.providerWeight) / \(e.totalWeight)⌋ = \(e.share)",
            "cap               min(⌊\(e.providerValue) × \(e.rewardCapBps) / 10000⌋, stake \(e.stakeAtPayment.map(String.init) ?? "?")) = \(e.cap)",
            "reward            min(share, cap) = \(e.computedReward) base units = \(Tokens.format(e.computedReward)) AI",
            "recorded          \(e.recordedReward.map(String.init) ?? (e.providerWeight == 0 ? "none (no standing work from this provider)" : "none"))\(e.forfeited ? " (forfeited: jailed or below the minimum stake when paid)" : "")",
            e.consistent ? "the settlement matches the re-derivation" : "MISMATCH between the settlement and the re-derivation",
        ]
        return lines.joined(separator: "\n")
    }
}
