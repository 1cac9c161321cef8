import Foundation
import ProofmintTestSupport

/// What the node said was committed before a SIGKILL (each included transaction with its receipt and block, the hash
/// of each block height seen), and the checks after each restart that none of it was lost or changed.
final class CrashLedger {
    struct Inclusion: Equatable {
        let height: Int
        let blockHash: String
        /// The receipt as JSON with sorted keys, so two answers compare byte for byte.
        let receipt: String
    }

    private(set) var transactions: [String: Inclusion] = [:]
    private(set) var blocks: [Int: String] = [:]
    /// Recorded since the last restart's check: what the next kill could lose.
    private var newTransactions: [String] = []
    private var newHeights: [Int] = []
    private(set) var transactionChecks = 0
    private(set) var blockChecks = 0
    private(set) var failures: [String] = []

    /// Batches stay well under the node's 100-request batch limit.
    private static let batchSize = 100

    func fail(_ message: String) { failures.append(message) }

    /// Asks the node where each of `ids` is and records the included ones; returns the ids found included.
    @discardableResult
    func collect(_ ids: [String], from node: NodeProcess) throws -> Set<String> {
        var included = Set<String>()
        for (id, answer) in zip(ids, try lookUp(ids, on: node)) {
            guard let inclusion = answer else { continue }
            included.insert(id)
            if let known = transactions[id] {
                if known != inclusion { fail("transaction \(id) moved: \(known) then \(inclusion)") }
                continue
            }
            transactions[id] = inclusion
            newTransactions.append(id)
            record(height: inclusion.height, hash: inclusion.blockHash)
        }
        return included
    }

    /// Records the head the node reports.
    func collectHead(from node: NodeProcess) throws {
        let status = try node.callObject("pm_status")
        guard let height = status["height"] as? Int, let hash = status["head_hash"] as? String else {
            throw CommandFailure("pm_status without height or head_hash: \(status)")
        }
        record(height: height, hash: hash)
    }

    /// After a restart: every transaction and block recorded since the last check, the highest block, and either
    /// everything else (`everything`) or a sample of `sample` older transactions and a quarter as many blocks.
    func check(on node: NodeProcess, everything: Bool, sample: Int, random: inout SplitMix64) throws {
        var ids = newTransactions, heights = newHeights
        if everything {
            ids = Array(transactions.keys)
            heights = Array(blocks.keys)
        } else {
            ids += Self.pick(sample, from: transactions.keys.sorted(), random: &random)
            heights += Self.pick(sample / 4, from: blocks.keys.sorted(), random: &random)
            if let top = blocks.keys.max() { heights.append(top) }
        }
        newTransactions = []
        newHeights = []
        try checkTransactions(ids, on: node)
        try checkBlocks(heights, on: node)
    }

    var highestHeight: Int { blocks.keys.max() ?? 0 }

    private func record(height: Int, hash: String) {
        if let known = blocks[height] {
            if known != hash { fail("block \(height) changed from \(known) to \(hash)") }
            return
        }
        blocks[height] = hash
        newHeights.append(height)
    }

    private func checkTransactions(_ ids: [String], on node: NodeProcess) throws {
        for (id, answer) in zip(ids, try lookUp(ids, on: node)) {
            transactionChecks += 1
            if answer != transactions[id] { fail("receipted transaction \(id) lost or changed: was \(String(describing: transactions[id])), now \(String(describing: answer))") }
        }
    }

    private func checkBlocks(_ heights: [Int], on node: NodeProcess) throws {
        for start in stride(from: 0, to: heights.count, by: Self.batchSize) {
            let chunk = Array(heights[start..<min(start + Self.batchSize, heights.count)])
            for (height, answer) in zip(chunk, try node.callBatch("pm_getBlock", chunk.map { ["height": $0] })) {
                blockChecks += 1
                let hash = (answer.result as? [String: Any])?["hash"] as? String
                if hash != blocks[height] { fail("block \(height) lost or changed: was \(blocks[height] ?? "?"), now \(hash ?? "\(String(describing: answer.error))")") }
            }
        }
    }

    /// `pm_getTransaction` for each id, in batches: its inclusion, or nil while pending or unknown.
    private func lookUp(_ ids: [String], on node: NodeProcess) throws -> [Inclusion?] {
        var inclusions = [Inclusion?]()
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            let chunk = ids[start..<min(start + Self.batchSize, ids.count)]
            inclusions += try node.callBatch("pm_getTransaction", chunk.map { ["id": $0] }).map { answer in
                guard let found = answer.result as? [String: Any], found["status"] as? String == "included",
                    let height = found["height"] as? Int, let hash = found["block_hash"] as? String,
                    let receipt = found["receipt"], let json = try? JSONSerialization.data(withJSONObject: receipt, options: [.sortedKeys])
                else { return nil }
                return Inclusion(height: height, blockHash: hash, receipt: String(decoding: json, as: UTF8.self))
            }
        }
        return inclusions
    }

    /// Sorted input, so the seed alone names the sample.
    private static func pick<Item>(_ count: Int, from all: [Item], random: inout SplitMix64) -> [Item] {
        guard !all.isEmpty else { return [] }
        return (0..<min(count, all.count)).map { _ in all[Int(random.below(UInt64(all.count)))] }
    }
}
