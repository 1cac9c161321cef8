/// What one mode's run measured.
struct LoadResult {
    let mode: String
    let submitted: Int
    /// Refused submissions by the node's error message.
    let refused: [String: Int]
    let ledger: LoadLedger.Summary
    let depth: [LoadWatcher.DepthSample]
    let nodePeakMebibytes: Int
    let nodeAnonymousMebibytes: Int
    let coresBusy: LoadCPU.Busy

    var includedPerSecond: Double { ledger.spanMilliseconds > 0 ? Double(ledger.included) * 1000 / ledger.spanMilliseconds : 0 }

    /// The latency at quantile `q` (0…1), milliseconds; 0 with nothing included.
    func latency(_ q: Double) -> Double {
        guard !ledger.latencies.isEmpty else { return 0 }
        return ledger.latencies[min(ledger.latencies.count - 1, Int(q * Double(ledger.latencies.count)))]
    }
}
