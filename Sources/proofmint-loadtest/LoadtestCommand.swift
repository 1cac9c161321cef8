import ArgumentParser
import Foundation
import ProofmintBenchSupport
import ProofmintCore

/// `proofmint-loadtest` (`make loadtest`): signed transfers from thousands of senders, submitted over JSON-RPC to a real
/// `proofmintd` on loopback, once per mining mode. Reports sustained included transfers/s beside libsodium's verify
/// rate measured in the same run, time from submission to inclusion, mempool depth over time and the node's memory.
/// Bounded in count (`--transactions`) and time (`--max-seconds` a mode). Figures only; nothing is asserted.
@main
struct LoadtestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofmint-loadtest",
        abstract: "Load a loopback proofmintd with signed transfers and report end-to-end throughput and latency.")

    @Option(help: "The proofmintd binary (default: the one beside this program).")
    var proofmintd: String?
    @Option(help: "The genesis file the senders are added to.")
    var genesis = "genesis/devnet.json"
    @Option(help: "Sending accounts (each gets 1,000 AI at genesis).")
    var senders = 2_000
    @Option(help: "Plain 1 AI accounts added to the genesis, which the transfers go to (0: the transfers go between senders).")
    var accounts = 0
    @Option(help: "Transfers to submit in each mode.")
    var transactions = 20_000
    @Option(help: "Mining modes to measure, comma separated (instant, interval).")
    var modes = "instant,interval"
    /// A quarter of the devnet's second: at 1 s, interval mode measures the chain's cap (max_block_transactions a
    /// block, 10,000 transfers/s on the devnet), not the node.
    @Option(help: "Block time of interval mode, milliseconds (the devnet's is 1000; its cap of 10,000 transactions a block then bounds the rate).")
    var blockTime: UInt64 = 250
    @Option(help: "The node's commit durability: full (fsync every block, the default), meta or none.")
    var durability = "full"
    @Flag(inversion: .prefixedNo, help: "Whether the node's home keeps the explorer's indexes (`proofmintd init --no-explorer-indexes`).")
    var explorerIndexes = true
    @Option(help: "Transfers per JSON-RPC batch (the node answers at most 100).")
    var batch = 100
    @Option(help: "Batches in flight at once.")
    var connections = 4
    @Option(help: "Seconds a mode may run before it is cut short.")
    var maxSeconds = 120
    @Option(help: "Loopback RPC port of the node under test; 0 picks a free one.")
    var port = 0

    func validate() throws {
        guard (1...100).contains(batch) else { throw ValidationError("--batch must be between 1 and 100") }
        guard blockTime >= 1 else { throw ValidationError("--block-time must be at least 1 ms") }
        guard ["full", "meta", "none"].contains(durability) else { throw ValidationError("--durability takes full, meta or none") }
        guard senders >= 1, transactions >= senders else { throw ValidationError("--transactions must be at least --senders (≥ 1)") }
        guard transactions / senders <= 64 else { throw ValidationError("at most 64 transfers a sender (the mempool's per-sender bound): raise --senders") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be between 1 and 64") }
        guard (0...10_000_000).contains(accounts) else { throw ValidationError("--accounts must be between 0 and 10,000,000") }
        _ = try parsedModes()
    }

    func run() async throws {
        let modes = try parsedModes()
        let binary = proofmintd ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("proofmintd").path
        print("# proofmint-loadtest\n")
        print("- machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; node \(binary)")
        if !explorerIndexes { print("- the node's home keeps no explorer indexes (--no-explorer-indexes)") }
        print("- \(transactions) transfers from \(senders) senders\(accounts > 0 ? " to \(accounts) plain accounts" : ""), batches of \(batch), \(connections) in flight, loopback HTTP\n")
        let before = VerifyRate.measure(signatures: 20_000)
        print("libsodium crypto_sign_verify_detached: \(Int(before.singleCore)) verifications/s on one core, \(Int(before.allCores)) on all cores\n")
        let base = try LoadGenesis(path: genesis)
        if modes.contains(.interval) {
            let ceiling = base.maxBlockTransactions * 1_000 / blockTime
            print("- interval mode's ceiling from the chain's parameters: \(base.maxBlockTransactions) transactions a block, a block every \(blockTime) ms: \(ceiling) transfers/s\n")
        }
        let load = try LoadTransactions(
            senders: senders, transactions: transactions, accounts: accounts, chainId: base.chainId, fee: base.minFee)
        let genesisBytes = try base.adding(load.senderAddresses, extra: accounts)
        var results = [LoadResult]()
        for mode in modes {
            let node = try await LoadNode.start(
                binary: binary, genesis: genesisBytes, mode: mode, blockTime: blockTime, durability: durability, explorerIndexes: explorerIndexes,
                port: port)
            defer { node.stop() }
            let run = LoadRun(url: node.url, pid: node.pid, batchSize: batch, connections: connections, deadline: .now + .seconds(maxSeconds))
            results.append(try await run.submit(load.transactions, mode: mode.label(blockTime: blockTime)))
        }
        // Compared with the better of the rates measured before and after the runs: a slow moment of a shared VM never
        // flatters a figure.
        let after = VerifyRate.measure(signatures: 20_000)
        print("libsodium again after the runs: \(Int(after.singleCore)) on one core, \(Int(after.allCores)) on all cores; the report uses the better\n")
        LoadReport(results: results, verify: before.best(after)).print()
    }

    private func parsedModes() throws -> [LoadNode.Mode] {
        try modes.split(separator: ",").map { name in
            guard let mode = LoadNode.Mode(rawValue: String(name)) else { throw ValidationError("--modes takes instant and/or interval") }
            return mode
        }
    }
}
