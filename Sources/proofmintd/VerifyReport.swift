import Foundation
import ProofmintCore
import ProofmintStorage

/// How `inspect --verify` shows a `StoreVerification`: JSON for scripts (the crash test reads `consistent` and
/// `height`), text for people.
enum VerifyReport {
    static func json(_ report: StoreVerification) -> [String: Any] {
        var object: [String: Any] = [
            "height": report.height, "consistent": report.isConsistent, "records": report.records,
            "damaged_records": report.damagedRecords, "blocks": report.blocks, "transactions": report.transactions,
            "signatures": report.signatures, "problem_count": report.problemCount,
            "problems": report.problems.map(\.description),
            "first_problem": report.problems.first.map { $0.description as Any } ?? NSNull(),
        ]
        if let state = report.state {
            object["entries"] = state.entries
            object["tree_nodes"] = state.treeNodes
            object["recomputed_root"] = state.recomputedRoot.hex
            object["stored_tree_root"] = state.storedTreeRoot.hex
            object["header_root"] = state.headerRoot.hex
        }
        return object
    }

    static func print(_ report: StoreVerification) {
        let records = report.records.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Swift.print("height            \(report.height)")
        Swift.print("records           \(records) (\(report.damagedRecords) failing their checksum)")
        Swift.print("blocks            \(report.blocks) checked, \(report.signatures) producer signatures, \(report.transactions) transactions indexed")
        if let state = report.state {
            Swift.print("state entries     \(state.entries), tree nodes \(state.treeNodes)")
            Swift.print("header root       \(state.headerRoot)")
            Swift.print("stored tree root  \(state.storedTreeRoot)")
            Swift.print("recomputed root   \(state.recomputedRoot)")
        }
        for problem in report.problems { Swift.print("PROBLEM  \(problem)") }
        if report.problemCount > report.problems.count { Swift.print("… and \(report.problemCount - report.problems.count) more") }
        Swift.print(report.isConsistent ? "store is consistent" : "STORE IS DAMAGED OR INCONSISTENT (\(report.problemCount) problem\(report.problemCount == 1 ? "" : "s"))")
    }
}
