import ProofmintCore

/// What `inspect --verify` found: what it checked, how much of it, and the problems, first found first.
public struct StoreVerification: Sendable {
    /// One damaged record or broken link, named by table and key so the operator knows what is affected.
    public struct Problem: Sendable, CustomStringConvertible {
        public let table: String
        public let key: String
        public let detail: String

        public var description: String { "table \(table), \(key): \(detail)" }
    }

    /// How many problems are kept in `problems`; `problemCount` counts them all.
    public static let keptProblems = 20

    /// The head height read in the same snapshot as everything else.
    public internal(set) var height: UInt64 = 0
    /// Records read per table, every one with its checksum checked.
    public internal(set) var records: [String: Int] = [:]
    /// Records whose checksum does not match their bytes.
    public internal(set) var damagedRecords = 0
    /// Blocks from genesis to the head that decoded and were checked against their header, index and parent.
    public internal(set) var blocks = 0
    /// Transactions in those blocks, each with its `tx_index` entry checked.
    public internal(set) var transactions = 0
    /// Producer signatures verified (every block but genesis).
    public internal(set) var signatures = 0
    /// The state root recomputed from every entry against the stored tree and the head header; nil if a damaged record
    /// stopped it.
    public internal(set) var state: ChainStore.StateCheck?
    public internal(set) var problems: [Problem] = []
    public internal(set) var problemCount = 0

    public var isConsistent: Bool { problemCount == 0 && state?.isConsistent == true }

    mutating func report(_ problem: Problem) {
        problemCount += 1
        if problems.count < Self.keptProblems { problems.append(problem) }
    }

    mutating func report(_ table: Table, _ key: String, _ detail: String) {
        report(Problem(table: table.rawValue, key: key, detail: detail))
    }

    /// A read that failed: a damaged record names its own table and key; anything else is charged to `table`/`key`.
    mutating func report(_ error: any Error, table: Table, key: String) {
        if let error = error as? StorageError, case let .corruptRecord(_, errorTable, errorKey, detail) = error {
            report(Problem(table: errorTable, key: errorKey, detail: detail))
        } else {
            report(table, key, "\(error)")
        }
    }
}
