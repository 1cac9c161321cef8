import ProofmintBenchSupport
import ProofmintCore

/// Follows the node under load over one keep-alive connection of its own: every 20 ms its status (height, mempool
/// depth), every new block's transaction ids, and the node's anonymous memory; stops once every transfer is in a block
/// or the deadline passes.
struct LoadWatcher: Sendable {
    struct DepthSample: Sendable {
        let milliseconds: Double
        let depth: Int
        let height: UInt64
    }

    private let pid: String
    private let ledger: LoadLedger
    private let deadline: ContinuousClock.Instant
    private var samples: [DepthSample] = []
    private var anonymous = 0

    init(pid: String, ledger: LoadLedger, deadline: ContinuousClock.Instant) {
        self.pid = pid
        self.ledger = ledger
        self.deadline = deadline
    }

    mutating func follow(over connection: inout LoadConnection) async throws {
        var seen = try await Self.status(over: &connection).height
        while ContinuousClock.now < deadline, !(await ledger.allIncluded) {
            let status = try await Self.status(over: &connection)
            samples.append(DepthSample(milliseconds: await ledger.clockNow, depth: status.depth, height: status.height))
            anonymous = max(anonymous, PeakMemory.anonymousMebibytes(process: pid))
            while seen < status.height {
                seen += 1
                let block = try await connection.call("pm_getBlock", params: .object([("height", .uint(seen))]))
                let ids = (block["transactions"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { Hash32(hex: $0) } }
                await ledger.included(ids)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `pm_status`'s head height and mempool size.
    private static func status(over connection: inout LoadConnection) async throws -> (height: UInt64, depth: Int) {
        let status = try await connection.call("pm_status")
        guard let height = status["height"]?.uint64Value, let depth = status["mempool_size"]?.uint64Value else {
            throw LoadFailure(description: "pm_status: the answer holds no height or mempool_size")
        }
        return (height, Int(depth))
    }

    /// The depth every 500 ms of the run (the last sample of each half second).
    func depthSeries() -> [DepthSample] {
        var series = [DepthSample]()
        for sample in samples {
            if let last = series.last, Int(last.milliseconds / 500) == Int(sample.milliseconds / 500) {
                series[series.count - 1] = sample
            } else {
                series.append(sample)
            }
        }
        return series
    }

    func maxAnonymousMebibytes() -> Int { anonymous }
}
