import Foundation
import ProofmintBenchSupport
import ProofmintCore
import ProofmintStorage

/// A block of `submit-proof` transactions applied to an LMDB store whose running epoch already holds work from
/// `providers` other providers (protocol version 3): the cost of a receipt must not depend on that number. The
/// background providers are built through the state transition (stakes, then receipts), not planted. The block after
/// the measured one samples its receipts; it is measured too, since a receipt's cost includes its sampling.
struct ProofBenchmark {
    struct Result {
        let providers: Int
        let proofsPerSecond: Double
        let applyMilliseconds: Double
        let commitMilliseconds: Double
        let samplingMilliseconds: Double
        let setupSeconds: Double
    }

    let providers: Int
    let proofs: Int
    let storeOptions: ChainStore.Options

    private static let chainId = "proofmint-bench-proofs"

    func run() throws -> Result {
        let directory = NSTemporaryDirectory() + "proofmint-bench-proofs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let setupStart = ContinuousClock.now
        let setup = try BenchChain.create(
            in: directory, chainId: Self.chainId, keyLabel: "provider", count: providers + proofs, blockTransactions: proofs,
            store: storeOptions)
        var chain = setup.chain
        let keys = setup.keys, consumer = setup.consumer, store = setup.chain.store
        // Everyone stakes; the background providers each submit one receipt; an empty block samples the last ones.
        for batch in stride(from: 0, to: keys.count, by: proofs) {
            try chain.apply(keys[batch..<min(batch + proofs, keys.count)].map { chain.stake($0) })
        }
        for batch in stride(from: 0, to: providers, by: proofs) {
            try chain.apply(keys[batch..<min(batch + proofs, providers)].map { chain.proof(from: $0, consumer: consumer) })
        }
        try chain.apply([])
        let setupSeconds = (ContinuousClock.now - setupStart).seconds

        let measured = try chain.sign(keys[providers...].map { chain.proof(from: $0, consumer: consumer) })
        let (apply, commit) = try chain.applyTimed(measured)
        let (samplingApply, samplingCommit) = try chain.applyTimed(try chain.sign([]))
        let record = try store.withSnapshot { try $0.record(EpochRecord.self, at: .epochRecord(0)) }
        guard record?.providerCount == UInt32(providers + proofs) else {
            throw BenchmarkOptions.Invalid(description: "the epoch holds \(record?.providerCount ?? 0) providers, not \(providers + proofs)")
        }
        return Result(
            providers: providers, proofsPerSecond: Double(proofs) / (apply + commit).seconds,
            applyMilliseconds: apply.milliseconds, commitMilliseconds: commit.milliseconds,
            samplingMilliseconds: (samplingApply + samplingCommit).milliseconds, setupSeconds: setupSeconds)
    }
}
