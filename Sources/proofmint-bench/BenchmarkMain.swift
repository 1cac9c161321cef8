import Foundation
import ProofmintAudit
import ProofmintBenchSupport
import ProofmintCore
import ProofmintStorage

/// `proofmint-bench`: block-apply throughput (verify + execute + LMDB commit) measured against libsodium's own
/// signature-verification rate in the same run. Prints a Markdown report; timings are figures, never assertions.
@main
enum BenchmarkMain {
    static func main() {
        do {
            let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            if options.help {
                print(BenchmarkOptions.usage)
                return
            }
            try run(options)
        } catch {
            FileHandle.standardError.write(Data("proofmint-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: BenchmarkOptions) throws {
        print("# proofmint-bench\n")
        print("- machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")
        print("- blocks of \(options.transactions) signed transfers, \(options.blocks) blocks per run, durability \(options.durability)\(options.explorerIndexes ? "" : ", no explorer indexes")\n")
        let verify = VerifyRate.measure(signatures: 20_000)
        print("libsodium crypto_sign_verify_detached: \(Int(verify.singleCore)) verifications/s on one core, \(Int(verify.allCores)) on all cores\n")
        print("Each row is compared with the better of two verify measurements taken just before and just after its blocks.\n")
        print("| accounts | transfers/s | 1-core verify/s | all-core verify/s | vs 1-core verify | vs all-core verify | steady transfers/s | steady vs all-core verify | cores busy | apply ms/block | commit ms/block | blocks/commit | state+tree setup s | peak RSS MiB | anonymous RSS MiB | tx lookup ms (whole block) | inspect --verify s |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        var reverts = [(accounts: Int, cost: RevertCost)]()
        var lines = [String]()
        var proposals = [(accounts: Int, cost: ProposeCost, apply: ApplyCost?)]()
        for accounts in options.accounts {
            let (result, limit) = try VerifyRate.around(signatures: 20_000) { try ApplyBenchmark(accounts: accounts, options: options).run() }
            proposals.append((accounts, result.propose, result.apply))
            if let revert = result.revert { reverts.append((accounts, revert)) }
            let rate = result.transfersPerSecond
            let steady = result.steadyTransfersPerSecond.map { String(format: "%.0f | %.0f%%", $0, 100 * $0 / limit.allCores) } ?? "– | –"
            print(String(
                format: "| %d | %.0f | %.0f | %.0f | %.0f%% | %.0f%% | ",
                accounts, rate, limit.singleCore, limit.allCores, 100 * rate / limit.singleCore, 100 * rate / limit.allCores)
                + steady + String(
                format: " | %.2f | %.0f | %.0f | %.1f | %.1f | %d | %d | %.2f (%.0f) | %.1f",
                result.coresBusy, result.applyMilliseconds, result.commitMilliseconds, result.blocksPerCommit, result.setupSeconds,
                PeakMemory.mebibytes(),
                result.anonymousMebibytes,
                result.lookupMilliseconds.indexed, result.lookupMilliseconds.wholeBlock, result.verifySeconds)
                + (result.verifyConsistent ? " |" : " INCONSISTENT |"))
            if let growth = CommitGrowth(result.commitSeries) { lines.append("\(accounts) accounts: \(growth)") }
            if let written = CommitGrowth(result.writtenSeries, unit: "MiB written") { lines.append("\(accounts) accounts: \(written)") }
        }
        if !lines.isEmpty {
            print("\nEach commit along the run, by tenths of its blocks (does a commit stay flat as the chain grows?):\n")
            for line in lines { print("- \(line)") }
        }
        for (accounts, cost, apply) in proposals {
            print(String(
                format: "\nproducer's proposal of a %d-transfer block at %d accounts: %.0f ms checking every signature again, %.0f ms with signatures checked once at admission",
                options.transactions, accounts, cost.checkedMilliseconds, cost.verifiedMilliseconds))
            if let apply { print("\n\(accounts) accounts, \(apply.line)") }
        }
        if !reverts.isEmpty { snapshots(reverts, options) }
        if !options.kinds.isEmpty { try kinds(options) }
        if !options.proofProviders.isEmpty { try proofs(options, verify: verify) }
        if options.replayBlocks > 0 { try replay(options) }
    }

    /// `--snapshot`: the undo records the blocks above a snapshot left, and the revert over all of them.
    static func snapshots(_ reverts: [(accounts: Int, cost: RevertCost)], _ options: BenchmarkOptions) {
        print("\n## Snapshot and revert: a snapshot before the \(options.blocks) blocks, then the revert to it\n")
        print("| accounts | undo KiB/block | revert s (\(options.blocks) blocks) | root exact, verify clean |")
        print("|---:|---:|---:|---|")
        for (accounts, cost) in reverts {
            print(String(format: "| %d | %.1f | %.2f |", accounts, cost.undoBytesPerBlock / 1024, cost.revertSeconds) + (cost.exact ? " yes |" : " NO |"))
        }
    }

    /// One block of each transaction kind, its signatures counted against the all-core verify rate (issue 14, point 4).
    static func kinds(_ options: BenchmarkOptions) throws {
        let accounts = options.accounts.first ?? 100_000
        print("\n## Every transaction kind: one block of \(options.transactions) at \(accounts) accounts\n")
        print("Each row is compared with the better of two verify measurements taken just before and just after it.\n")
        print("| kind | transactions/s | signatures/s | 1-core verify/s | all-core verify/s | vs all-core verify | vs 2 × 1-core | apply ms | commit ms | setup s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for kind in options.kinds {
            let (result, verify) = try VerifyRate.around(signatures: 20_000) {
                try KindBenchmark(kind: kind, transactions: options.transactions, accounts: accounts, storeOptions: options.store(mapSize: 16 << 30)).run()
            }
            let signatureRate = Double(result.signatures) / result.seconds
            print("| \(kind.rawValue) " + String(
                format: "| %.0f | %.0f | %.0f | %.0f | %.0f%% | %.0f%% | %.0f | %.0f | %.1f |", Double(result.transactions) / result.seconds,
                signatureRate, verify.singleCore, verify.allCores, 100 * signatureRate / verify.allCores,
                50 * signatureRate / verify.singleCore, result.applyMilliseconds, result.commitMilliseconds, result.setupSeconds))
        }
    }

    /// Blocks of submit-proofs into epochs of different sizes: the rate must not fall with the number of providers.
    static func proofs(_ options: BenchmarkOptions, verify: VerifyRate) throws {
        print("\n## Proof of Compute: one block of \(options.transactions) submit-proofs\n")
        print("| providers already in the epoch | submit-proofs/s | vs 1-core verify | apply ms | commit ms | next block (sampling) ms | setup s |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for providers in options.proofProviders {
            let result = try ProofBenchmark(providers: providers, proofs: options.transactions, storeOptions: options.store(mapSize: 16 << 30)).run()
            print(String(
                format: "| %d | %.0f | %.0f%% | %.0f | %.0f | %.0f | %.1f |", providers, result.proofsPerSecond,
                100 * result.proofsPerSecond / verify.singleCore, result.applyMilliseconds, result.commitMilliseconds,
                result.samplingMilliseconds, result.setupSeconds))
        }
    }

    /// Live apply (LMDB, pipelined) and replay (in memory, the next two blocks' signatures checked meanwhile) of one chain.
    static func replay(_ options: BenchmarkOptions) throws {
        var chain = options
        chain.blocks = options.replayBlocks
        chain.transactions = options.replayTransactions
        let accounts = options.accounts.first ?? 100_000
        print("\n## Replay: \(chain.blocks) blocks of \(chain.transactions) transfers, \(accounts) accounts\n")
        let (live, liveLimit) = try VerifyRate.around(signatures: 20_000) { try ApplyBenchmark(accounts: accounts, options: chain).run() }
        var index = 0
        var replayCPU = 0.0
        let (report, limit) = try VerifyRate.around(signatures: 20_000) {
            let cpuStart = ProcessCPU.seconds()
            defer { replayCPU = ProcessCPU.seconds() - cpuStart }
            return try ChainReplayer().replay(genesis: live.genesis, next: {
                defer { index += 1 }
                return index < live.blocks.count ? live.blocks[index] : nil
            })
        }
        guard report.ok else { throw BenchmarkOptions.Invalid(description: "the replay found a mismatch: \(report.mismatch?.reason ?? "")") }
        print("Each row is compared with the better of two verify measurements taken just before and just after it.\n")
        print("CPU µs a transfer is the process's CPU time (every thread) over the transfers; beside the checks is that less one")
        print("signature check on one core (10⁶ / the row's 1-core verify rate): what executing, hashing and storing cost.\n")
        print("| measurement | blocks/s | transfers/s | vs live apply | 1-core verify/s | all-core verify/s | vs 1-core verify | vs all-core verify | cores busy | CPU µs a transfer | beside the checks µs |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        let replayRate = Double(report.transactions) / report.seconds
        let rows = [
            ("live apply (LMDB, durable commits)", live.transfersPerSecond, liveLimit, live.coresBusy),
            ("replay (in memory, from genesis)", replayRate, limit, replayCPU / report.seconds),
        ]
        for (name, rate, verify, cores) in rows {
            let cpuPerTransfer = 1e6 * cores / rate
            print("| \(name) " + String(
                format: "| %.0f | %.0f | %.0f%% | %.0f | %.0f | %.0f%% | %.0f%% | %.2f | %.1f | %.1f |", rate / Double(chain.transactions), rate,
                100 * rate / live.transfersPerSecond, verify.singleCore, verify.allCores, 100 * rate / verify.singleCore,
                100 * rate / verify.allCores, cores, cpuPerTransfer, cpuPerTransfer - 1e6 / verify.singleCore))
        }
    }
}
