import Foundation
import ProofmintAudit
import ProofmintCore

/// The replay report as text and as JSON.
enum ReplayOutput {
    static func json(_ report: ReplayReport) -> [String: Any] {
        var object: [String: Any] = [
            "ok": report.ok, "genesis_hash": report.genesisHash.hex, "blocks": report.blocks, "transactions": report.transactions,
            "last_height": report.lastHeight, "state_root": report.stateRoot.hex, "roots_digest": report.rootsDigest.hex,
            "seconds": report.seconds, "halted_at": report.haltedAt.map { $0 as Any } ?? NSNull(),
        ]
        if !report.roots.isEmpty { object["roots"] = report.roots.map(\.hex) }
        if let mismatch = report.mismatch {
            object["mismatch"] = [
                "height": mismatch.height, "transaction_index": mismatch.transactionIndex.map { $0 as Any } ?? NSNull(),
                "reason": mismatch.reason, "expected_root": mismatch.expectedRoot.map { $0.hex as Any } ?? NSNull(),
                "computed_root": mismatch.computedRoot.map { $0.hex as Any } ?? NSNull(),
                "computed_writes": mismatch.computedWrites.map { ["key": $0.key, "value": $0.value] },
            ] as [String: Any]
        } else {
            object["mismatch"] = NSNull()
        }
        return object
    }

    static func text(_ report: ReplayReport) -> String {
        let rate = report.seconds > 0 ? Int(Double(report.blocks) / report.seconds) : 0
        var lines = [
            "replayed      \(report.blocks) blocks, \(report.transactions) transactions in \(String(format: "%.2f", report.seconds)) s (\(rate) blocks/s)",
            "genesis       \(report.genesisHash)",
            "last block    \(report.lastHeight), state root \(report.stateRoot)",
            "roots digest  \(report.rootsDigest)",
        ]
        if let halted = report.haltedAt { lines.append("halted at     \(halted) (--halt-at)") }
        guard let mismatch = report.mismatch else {
            lines.append("every block matches")
            return lines.joined(separator: "\n")
        }
        lines.append("MISMATCH at block \(mismatch.height)\(mismatch.transactionIndex.map { ", transaction \($0)" } ?? ""): \(mismatch.reason)")
        if let expected = mismatch.expectedRoot, let computed = mismatch.computedRoot {
            lines.append("  expected root  \(expected)")
            lines.append("  computed root  \(computed)")
        }
        if !mismatch.computedWrites.isEmpty {
            lines.append("  the block's writes as this build computes them:")
            lines += mismatch.computedWrites.map { "    \($0.key) = \($0.value)" }
        }
        return lines.joined(separator: "\n")
    }
}
