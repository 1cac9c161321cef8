import Foundation
import ProofmintBenchSupport

/// The Markdown report: one row per mode against the verify rate, then each mode's mempool depth over time.
struct LoadReport {
    let results: [LoadResult]
    let verify: VerifyRate

    func print() {
        Swift.print("| mode | submitted | included | refused | included transfers/s | vs all-core verify | steady transfers/s | steady vs verify | p50 ms | p99 ms | max mempool | node peak RSS MiB | node anonymous RSS MiB | node cores busy | generator cores busy |")
        Swift.print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for result in results {
            let steady = result.ledger.steadyPerSecond.map {
                String(format: "%.0f | %.0f%%", $0, 100 * $0 / verify.allCores)
            } ?? "– | –"
            Swift.print("| \(result.mode) " + String(
                format: "| %d | %d | %d | %.0f | %.0f%% | %@ | %.0f | %.0f | %d | %d | %d | %.2f | %.2f |", result.submitted, result.ledger.included,
                result.refused.values.reduce(0, +), result.includedPerSecond, 100 * result.includedPerSecond / verify.allCores,
                steady, result.latency(0.5), result.latency(0.99), result.depth.map(\.depth).max() ?? 0, result.nodePeakMebibytes,
                result.nodeAnonymousMebibytes, result.coresBusy.node, result.coresBusy.generator))
        }
        for result in results {
            for (message, count) in result.refused.sorted(by: { $0.key < $1.key }) { Swift.print("\n\(result.mode): \(count) refused: \(message)") }
            Swift.print("\n### Mempool depth, \(result.mode)\n")
            Swift.print("| s | transfers waiting | height |")
            Swift.print("|---:|---:|---:|")
            for sample in result.depth { Swift.print(String(format: "| %.1f | %d | %llu |", sample.milliseconds / 1000, sample.depth, sample.height)) }
        }
    }
}
