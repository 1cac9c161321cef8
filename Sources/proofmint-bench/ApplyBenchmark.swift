import Dispatch
import Foundation
import ProofmintBenchSupport
import ProofmintCore
import ProofmintStorage

/// Applies pre-signed blocks of transfers to an LMDB store the way a validating node does:
/// check signatures (all cores), execute, update the state tree, commit in one LMDB transaction.
/// With the pipeline on (`BlockImporter`), later blocks' signatures are checked and later blocks execute while earlier
/// ones commit, and blocks that wait for the disk share a commit.
struct ApplyBenchmark {
    struct Result {
        let transfersPerSecond: Double
        /// Transfers a second between the end of the first write transaction and the end of the last but one: the
        /// rate of a node applying blocks one after another, without the pipeline's fill (the first block's checks with
        /// nothing to execute beside them) and drain (the last run's commit with nothing beside it). Nil under three runs.
        let steadyTransfersPerSecond: Double?
        /// CPU seconds per second of the timed blocks: 2.0 means both cores were kept busy.
        let coresBusy: Double
        let applyMilliseconds: Double
        let commitMilliseconds: Double
        /// Blocks per write transaction: above 1 when blocks waiting for the disk joined the next commit (`GroupCommit`).
        let blocksPerCommit: Double
        /// Commit time per block, block by block (a run's time shared evenly among its blocks): whether a commit's cost
        /// stays flat as the chain grows (issue 14, point 5).
        let commitSeries: [Double]
        /// With `--no-pipeline`: the MiB each block's commit wrote (`ProcessIO`), block by block; empty otherwise.
        let writtenSeries: [Double]
        let setupSeconds: Double
        /// One `pm_getTransaction` lookup in the last block: read alone from its place (schema 5), and the whole block
        /// and its receipts decoded, as before (issue 13, D8).
        let lookupMilliseconds: (indexed: Double, wholeBlock: Double)
        /// `inspect --verify` over the resulting store (every record, block, index entry and the state root; issue 13,
        /// D5), and whether it found the store consistent.
        let verifySeconds: Double
        let verifyConsistent: Bool
        /// Anonymous RSS right after the blocks committed, the store still open (`PeakMemory.anonymousMebibytes`).
        let anonymousMebibytes: Int
        /// The producer's proposal of the first block: signatures checked again, and checked once at admission.
        let propose: ProposeCost
        /// Block 2 applied alone on one core (nil with one block).
        let apply: ApplyCost?
        /// With `--snapshot`: what the snapshot taken before the blocks cost (`RevertCost`).
        let revert: RevertCost?
        /// What was applied, for the replay measurement.
        let genesis: Genesis
        let blocks: [Block]
    }

    let accounts: Int
    let options: BenchmarkOptions

    /// Senders need keys (to sign); the other accounts are plain funded addresses, as most of a real state is.
    private var senderCount: Int { Swift.min(accounts, options.transactions * 2) }

    func run() throws -> Result {
        let directory = NSTemporaryDirectory() + "proofmint-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let setupStart = ContinuousClock.now
        let senders = (0..<senderCount).map { index in
            (try? Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/sender/\(index)".utf8))))
        }.compactMap { $0 }
        let validator = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/validator".utf8)))
        let genesis = makeGenesis(senders: senders, validator: validator)
        let store = try ChainStore.create(
            at: directory, genesis: genesis, genesisFile: [],
            options: options.store(mapSize: 8 << 30))
        let setupSeconds = (ContinuousClock.now - setupStart).seconds

        let blocks = try signBlocks(senders: senders, validator: validator, genesis: genesis, store: store)
        guard let first = blocks.first else { throw BenchmarkOptions.Invalid(description: "no blocks to apply") }
        let propose = try ProposeCost.measure(
            first, store: store, beacon: BlockBeacon.prove(chainId: genesis.chainId, height: 1, producer: validator))
        let apply = try ApplyCost.measure(blocks, store: store)
        if options.snapshot { try store.takeSnapshot(named: "bench") }
        let start = ContinuousClock.now
        let cpuStart = ProcessCPU.seconds()
        let statistics: BlockImporter.Statistics
        var written = [Double]()
        if options.pipeline {
            let importer = BlockImporter(store: store, maxRun: options.maxRun)
            try importer.importBlocks(blocks)
            statistics = importer.statistics
        } else {
            (statistics, written) = try applySequentially(blocks, store: store)
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let coresBusy = (ProcessCPU.seconds() - cpuStart) / elapsed
        let anonymous = PeakMemory.anonymousMebibytes()
        let lookups = try measureLookups(blocks.last, store: store)
        let verifyStart = ContinuousClock.now
        let verification = try store.verify()
        let verifySeconds = (ContinuousClock.now - verifyStart).seconds
        let revert = options.snapshot ? try RevertCost.measure(store, blocks: blocks.count) : nil
        return Result(
            transfersPerSecond: Double(statistics.transactions) / elapsed,
            steadyTransfersPerSecond: Self.steadyRate(statistics.commitRuns, transactionsPerBlock: options.transactions),
            coresBusy: coresBusy,
            applyMilliseconds: statistics.applyTime.milliseconds / Double(blocks.count),
            commitMilliseconds: statistics.commitTime.milliseconds / Double(blocks.count),
            blocksPerCommit: Double(statistics.blocks) / Double(max(statistics.commits, 1)),
            commitSeries: statistics.commitRuns.flatMap { run in
                Array(repeating: run.time.milliseconds / Double(max(run.blocks, 1)), count: run.blocks)
            },
            writtenSeries: written,
            setupSeconds: setupSeconds, lookupMilliseconds: lookups, verifySeconds: verifySeconds,
            verifyConsistent: verification.isConsistent, anonymousMebibytes: anonymous, propose: propose, apply: apply, revert: revert, genesis: genesis, blocks: blocks)
    }

    /// `Result.steadyTransfersPerSecond` from the write transactions (every block holds `transactionsPerBlock`).
    static func steadyRate(
        _ runs: [(blocks: Int, time: Duration, ended: ContinuousClock.Instant)], transactionsPerBlock: Int
    ) -> Double? {
        guard runs.count >= 3, let first = runs.first, let last = runs.dropLast().last else { return nil }
        let seconds = (last.ended - first.ended).seconds
        guard seconds > 0 else { return nil }
        let blocks = runs.dropFirst().dropLast().reduce(0) { $0 + $1.blocks }
        return Double(blocks * transactionsPerBlock) / seconds
    }

    /// Looks up 100 transactions of `block` both ways; the mean of each, in milliseconds.
    private func measureLookups(_ block: Block?, store: ChainStore) throws -> (indexed: Double, wholeBlock: Double) {
        guard let block, !block.transactions.isEmpty else { return (0, 0) }
        let ids = stride(from: 0, to: block.transactions.count, by: max(1, block.transactions.count / 100)).map { block.transactions[$0].id }
        let indexedStart = ContinuousClock.now
        for id in ids { _ = try store.includedTransaction(id) }
        let indexed = (ContinuousClock.now - indexedStart).milliseconds / Double(ids.count)
        let wholeStart = ContinuousClock.now
        for id in ids {
            guard let location = try store.location(ofTransaction: id) else { continue }
            _ = try store.block(at: location.height)
            _ = try store.receipts(at: location.height)
        }
        return (indexed, (ContinuousClock.now - wholeStart).milliseconds / Double(ids.count))
    }

    /// The plain loop, for comparison: verify, execute, commit, one block after another. Also returns the MiB each
    /// block's commit wrote (empty where /proc is not there).
    private func applySequentially(_ blocks: [Block], store: ChainStore) throws -> (BlockImporter.Statistics, written: [Double]) {
        var statistics = BlockImporter.Statistics()
        var written = [Double]()
        var parent = store.head
        for block in blocks {
            let applyStart = ContinuousClock.now
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            let commitStart = ContinuousClock.now
            let bytesBefore = ProcessIO.writtenBytes()
            try store.commit(block, outcome: outcome)
            if let before = bytesBefore, let after = ProcessIO.writtenBytes() { written.append(Double(after &- before) / 1_048_576) }
            statistics.applyTime += commitStart - applyStart
            statistics.commitTime += ContinuousClock.now - commitStart
            let ended = ContinuousClock.now
            statistics.commitRuns.append((1, ended - commitStart, ended))
            statistics.blocks += 1
            statistics.commits += 1
            statistics.transactions += block.transactions.count
            parent = block.header
        }
        return (statistics, written)
    }

    private func makeGenesis(senders: [Ed25519.PrivateKey], validator: Ed25519.PrivateKey) -> Genesis {
        var allocations = senders.map { Genesis.Allocation(name: nil, address: Address(publicKey: $0.publicKey), amount: 1_000 * Tokens.one) }
        // A hash an address: 10⁷ of them take one core some ten seconds, so they are made on every core.
        let first = senders.count
        allocations += ParallelMap.map(count: Swift.max(0, accounts - first), threshold: 4_096) { offset in
            Genesis.Allocation(name: nil, address: Self.plainAddress(first + offset), amount: Tokens.one)
        }
        var parameters = Parameters.defaults
        parameters.maxBlockTransactions = UInt32(options.transactions)
        parameters.maxBlockBytes = 64 << 20
        return Genesis(
            chainId: "proofmint-bench", genesisTime: 1_767_225_600_000, parameters: parameters,
            validators: ValidatorSet(validators: [.init(name: "bench", publicKey: validator.publicKey)]),
            allocations: allocations)
    }

    static func plainAddress(_ index: Int) -> Address {
        (try? Address(bytes: Array(Blake2b.hash256(Array("bench/account/\(index)".utf8)).prefix(20))))
            ?? Address(module: "bench-\(index)")
    }

    /// Signs every block up front (not timed): each transfer goes from a sender to a random funded account.
    /// Headers come from the same proposal path, run on uncommitted layers over the genesis state.
    private func signBlocks(senders: [Ed25519.PrivateKey], validator: Ed25519.PrivateKey, genesis: Genesis, store: ChainStore) throws -> [Block] {
        var random: UInt64 = 0x9e37_79b9_7f4a_7c15
        var nonces = [UInt64](repeating: 0, count: senders.count)
        let transactionCount = options.transactions
        let blockCount = options.blocks
        let accounts = self.accounts
        return try store.withSnapshot { snapshot in
            let layered = LayeredState(base: snapshot)
            var parent = store.head
            var blocks = [Block]()
            for blockIndex in 0..<blockCount {
                var transactions = [SignedTransaction]()
                transactions.reserveCapacity(transactionCount)
                for slot in 0..<transactionCount {
                    let senderIndex = (blockIndex * transactionCount + slot) % senders.count
                    random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let recipient = Self.plainAddress(Int(random >> 33) % accounts)
                    let transaction = Transaction(
                        chainId: genesis.chainId, sender: senders[senderIndex].publicKey, nonce: nonces[senderIndex],
                        fee: genesis.parameters.minFee, payload: .transfer(Transfer(recipient: recipient, amount: 1_000_000)))
                    nonces[senderIndex] += 1
                    transactions.append(transaction.signed(by: senders[senderIndex]))
                }
                let beacon = try BlockHeader.beaconProof(chainId: parent.chainId, height: parent.height + 1, producer: validator)
                let proposal = try StateTransition.propose(
                    candidates: transactions, parent: parent, timestamp: parent.timestamp + 1000,
                    producer: validator.publicKey, beacon: beacon, state: layered)
                guard proposal.dropped.isEmpty, proposal.transactions.count == transactionCount else {
                    throw BenchmarkOptions.Invalid(description: "benchmark block \(blockIndex) dropped \(proposal.dropped.count) transfers")
                }
                layered.apply(proposal.outcome)
                blocks.append(Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator))
                parent = proposal.header
            }
            return blocks
        }
    }
}

