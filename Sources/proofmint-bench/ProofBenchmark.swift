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
    let durability: Durability

    private static let chainId = "proofmint-bench-proofs"

    func run() throws -> Result {
        let directory = NSTemporaryDirectory() + "proofmint-bench-proofs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let setupStart = ContinuousClock.now
        let keys = try (0..<(providers + proofs)).map { try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/provider/\($0)".utf8))) }
        let consumer = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/consumer".utf8)))
        let validator = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/validator".utf8)))
        let genesis = makeGenesis(providers: keys, consumer: consumer, validator: validator)
        let store = try ChainStore.create(
            at: directory, genesis: genesis, genesisFile: [], options: .init(mapSize: 16 << 30, durability: durability))
        var chain = BenchChain(store: store, validator: validator, chainId: Self.chainId, minFee: genesis.parameters.minFee)

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

    private func makeGenesis(providers: [Ed25519.PrivateKey], consumer: Ed25519.PrivateKey, validator: Ed25519.PrivateKey) -> Genesis {
        var allocations = providers.map { Genesis.Allocation(name: nil, address: Address(publicKey: $0.publicKey), amount: 1_000 * Tokens.one) }
        allocations.append(.init(name: nil, address: Address(publicKey: consumer.publicKey), amount: 100_000_000 * Tokens.one))
        var parameters = Parameters.defaults
        parameters.maxBlockTransactions = UInt32(proofs)
        parameters.maxBlockBytes = 64 << 20
        parameters.epochLength = 1_000_000  // one epoch for the whole run
        parameters.compute.blocksPerYear = 31_536_000
        return Genesis(
            chainId: Self.chainId, genesisTime: 1_767_225_600_000, parameters: parameters,
            validators: ValidatorSet(validators: [.init(name: "bench", publicKey: validator.publicKey)]), allocations: allocations)
    }
}
