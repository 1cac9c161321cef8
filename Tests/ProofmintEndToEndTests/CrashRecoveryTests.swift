import Foundation
import ProofmintTestSupport
import XCTest

/// The crash harness (issue 13, point 5): SIGKILL at seeded random moments (during commits too) while an
/// interval-mining node takes a stream of transfers from several senders, alternating the commit durability. Before
/// each kill it records every transaction the node reported included, with its receipt and block, and every block
/// hash seen; after each restart it checks that none was lost or changed, that `inspect --verify` calls the store
/// consistent, and that the store keeps working (a new transfer is mined). `make test` runs a short version;
/// `make crashtest` a long one (`PROOFMINT_CRASH_CYCLES`, see `CrashRunSettings`) and prints a summary line.
final class CrashRecoveryTests: XCTestCase {
    func testSIGKILLUnderLoadLosesNoReceiptedTransactionOrBlock() throws {
        let settings = try CrashRunSettings()
        let home = Paths.temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let node = NodeProcess(home: home)
        let ledger = CrashLedger()
        let stream = try TransferStream(senderIndices: [3, 4, 5, 6], label: "\(settings.seed)")
        var random = SplitMix64(seed: settings.seed)
        let clock = RunClock()

        for cycle in 0..<settings.cycles {
            let durability = settings.durabilities[cycle % settings.durabilities.count]
            try node.start(["--mining", "interval", "--block-time", "\(10 + random.below(40))", "--durability", durability])
            try ledger.check(on: node, everything: settings.fullCheckEveryCycle, sample: 64, random: &random)
            try stream.resynchronise(with: node)
            try requireNewTransferMined(node: node, stream: stream, ledger: ledger, cycle: cycle)
            // Load for a while, record what the node says is committed, then load a little longer and kill: the
            // last delay is shorter than a block interval, so kills land before, during and after commits.
            stream.send(to: node, until: Date().addingTimeInterval(0.1 + Double(random.below(500)) / 1000))
            stream.settle(try ledger.collect(stream.pending, from: node))
            try ledger.collectHead(from: node)
            stream.send(to: node, until: Date().addingTimeInterval(Double(random.below(50)) / 1000))
            node.kill()
            try verifyStore(home: home, ledger: ledger, cycle: cycle, durability: durability)
            if (cycle + 1) % 25 == 0 {
                print("crashtest: after \(cycle + 1) cycles \(Self.figures(ledger)) \(clock)")
                fflush(nil)
            }
        }
        try node.start(["--mining", "interval", "--block-time", "20"])
        try ledger.check(on: node, everything: true, sample: 0, random: &random)
        node.stop()

        let summary = "crashtest: \(settings) \(Self.figures(ledger)) \(clock)"
        print(summary)
        for failure in ledger.failures { XCTFail(failure) }
        XCTAssertGreaterThan(ledger.transactions.count, settings.cycles, "the stream must get transactions receipted: \(summary)")
    }

    private static func figures(_ ledger: CrashLedger) -> String {
        "transactions_receipted=\(ledger.transactions.count) transaction_checks=\(ledger.transactionChecks) "
            + "blocks_recorded=\(ledger.blocks.count) block_checks=\(ledger.blockChecks) height=\(ledger.highestHeight) "
            + "failures=\(ledger.failures.count)"
    }

    /// The store keeps working after the restart: a transfer sent now is mined (within 20 s, a generous bound for a
    /// debug build on a loaded machine, not a timing being measured).
    private func requireNewTransferMined(node: NodeProcess, stream: TransferStream, ledger: CrashLedger, cycle: Int) throws {
        let deadline = Date().addingTimeInterval(20)
        var sent = [String]()
        while sent.isEmpty && Date() < deadline { sent = stream.sendRound(to: node) }
        while Date() < deadline {
            let included = try ledger.collect(sent, from: node)
            if !included.isEmpty {
                stream.settle(included)
                return
            }
            usleep(10_000)
        }
        ledger.fail("cycle \(cycle): no new transfer was mined after the restart")
    }

    /// After a kill: `inspect --verify` calls the store consistent, and its head is not below any block seen.
    private func verifyStore(home: String, ledger: CrashLedger, cycle: Int, durability: String) throws {
        let check = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify", "--json"]).json()
        if check["consistent"] as? Bool != true { ledger.fail("cycle \(cycle) (\(durability)): inspect --verify: \(check)") }
        let height = check["height"] as? Int ?? -1
        if height < ledger.highestHeight {
            ledger.fail("cycle \(cycle) (\(durability)): head \(height) is below block \(ledger.highestHeight) seen before the kill")
        }
    }
}

/// Wall time and the CPU time of this process and its finished children (the nodes and `inspect` runs).
private struct RunClock: CustomStringConvertible {
    private let start = Date()
    private let cpuAtStart = RunClock.cpuSeconds()

    var description: String {
        String(format: "wall=%.1fs cpu=%.1fs", Date().timeIntervalSince(start), Self.cpuSeconds() - cpuAtStart)
    }

    private static func cpuSeconds() -> Double {
        func seconds(_ who: Int32) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(who), &usage)
            let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return seconds(RUSAGE_SELF.rawValue) + seconds(RUSAGE_CHILDREN.rawValue)
    }
}
