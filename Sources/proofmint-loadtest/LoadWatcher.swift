import ProofmintBenchSupport
import ProofmintCore
import ProofmintWallet

/// Follows the node under load: every 20 ms its status (height, mempool depth), every new block's transaction ids,
/// and the node's anonymous memory; stops once every transfer is in a block or the deadline passes.
actor LoadWatcher {
    struct DepthSample {
        let milliseconds: Double
        let depth: Int
        let height: UInt64
    }

    private let client: NodeClient
    private let pid: String
    private let ledger: LoadLedger
    private let deadline: ContinuousClock.Instant
    private var samples: [DepthSample] = []
    private var anonymous = 0

    init(client: NodeClient, pid: String, ledger: LoadLedger, deadline: ContinuousClock.Instant) {
        self.client = client
        self.pid = pid
        self.ledger = ledger
        self.deadline = deadline
    }

    func follow() async throws {
        var seen = try await client.status().height
        while ContinuousClock.now < deadline, !(await ledger.allIncluded) {
            let status = try await client.status()
            samples.append(DepthSample(milliseconds: await ledger.clockNow, depth: Int(status.mempoolSize), height: status.height))
            anonymous = max(anonymous, PeakMemory.anonymousMebibytes(process: pid))
            while seen < status.height {
                seen += 1
                let block = try await client.raw("pm_getBlock", params: .object([("height", .uint(seen))]))
                let ids = (block["transactions"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { try? Hash32(hex: $0) } }
                await ledger.included(ids)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
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
