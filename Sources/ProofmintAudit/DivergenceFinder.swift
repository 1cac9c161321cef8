import ProofmintCore
import ProofmintStorage

/// Finds where two nodes' chains part: the first height whose state roots differ (by bisection over the stored
/// headers: once two states differ, every later root differs too, because each root commits to the whole state),
/// whether the blocks themselves differ there or only their results, and the state entries that differ now.
public enum DivergenceFinder {
    public struct Report: Sendable {
        public var sameGenesis: Bool
        public var heights: (a: UInt64, b: UInt64)
        /// The first height (≤ both heads) whose state roots differ; nil if none does.
        public var firstDivergentHeight: UInt64?
        public var roots: (a: Hash32, b: Hash32)?
        /// True when the two blocks at that height carry the same transactions: then the rules, not the input, differ.
        /// Nil when the genesis differs: the two chains never shared a block, so comparing their blocks means nothing.
        public var sameTransactions: Bool?
        /// Entries whose current values differ, decoded (the states at the two heads).
        public var differingEntries: [(key: String, a: String, b: String)] = []
    }

    public static func compare(_ a: ChainStore, _ b: ChainStore, maxEntries: Int = 100) throws -> Report {
        let genesisA = try a.block(at: 0)?.hash, genesisB = try b.block(at: 0)?.hash
        var report = Report(sameGenesis: genesisA != nil && genesisA == genesisB, heights: (a.head.height, b.head.height))
        let top = min(a.head.height, b.head.height)
        func differs(_ height: UInt64) throws -> Bool {
            try a.block(at: height)?.header.stateRoot != b.block(at: height)?.header.stateRoot
        }
        var divergent: UInt64?
        if !report.sameGenesis {
            divergent = 0
        } else if try differs(top) {
            // Height 0 agrees (same genesis) and `top` differs: bisect between them.
            var low: UInt64 = 0, high = top
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if try differs(middle) { high = middle } else { low = middle }
            }
            divergent = high
        }
        if let height = divergent {
            report.firstDivergentHeight = height
            if let blockA = try a.block(at: height), let blockB = try b.block(at: height) {
                report.roots = (blockA.header.stateRoot, blockB.header.stateRoot)
                if report.sameGenesis { report.sameTransactions = blockA.header.transactionRoot == blockB.header.transactionRoot }
            }
        }
        report.differingEntries = try differingEntries(a, b, limit: maxEntries)
        return report
    }

    /// Walks both states in key order and lists the keys whose values differ (or exist on one side only).
    private static func differingEntries(_ a: ChainStore, _ b: ChainStore, limit: Int) throws -> [(key: String, a: String, b: String)] {
        let entriesA = try a.withSnapshot { try $0.entries(withPrefix: []) }
        let entriesB = try b.withSnapshot { try $0.entries(withPrefix: []) }
        var result = [(key: String, a: String, b: String)]()
        var i = 0, j = 0
        while (i < entriesA.count || j < entriesB.count) && result.count < limit {
            let left = i < entriesA.count ? entriesA[i] : nil, right = j < entriesB.count ? entriesB[j] : nil
            switch (left, right) {
            case let (left?, right?) where left.key == right.key:
                if left.value != right.value {
                    result.append((left.key.description, StateDescription.value(left.value, at: left.key), StateDescription.value(right.value, at: left.key)))
                }
                i += 1
                j += 1
            case let (left?, right) where right.map({ left.key < $0.key }) ?? true:
                result.append((left.key.description, StateDescription.value(left.value, at: left.key), "(absent)"))
                i += 1
            case let (_, right?):
                result.append((right.key.description, "(absent)", StateDescription.value(right.value, at: right.key)))
                j += 1
            default:
                return result
            }
        }
        return result
    }
}
