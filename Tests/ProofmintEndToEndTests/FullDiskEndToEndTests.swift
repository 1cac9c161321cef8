import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// A full disk under real processes on a small tmpfs (issue 13, D6): `init` and `start` answer with an error instead
/// of dying with SIGBUS inside LMDB and leave nothing half-made; a running node whose disk fills refuses transactions
/// with `storage_unavailable` and a reason, keeps what it had queued, and resumes by itself once space is freed.
final class FullDiskEndToEndTests: XCTestCase {
    /// 8 KiB free was the SIGBUS (the sparse `lock.mdb` faulted); 0 failed on the first file and left the home behind.
    func testInitOnAFullDiskFailsWithTheReasonAndLeavesNothing() throws {
        let disk = try SmallFileSystem(megabytes: 4)
        defer { disk.unmount() }
        for free in [0, 8 << 10, 48 << 10] {
            try disk.fill(leaving: free)
            let result = try Command.run(
                "proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", disk.path + "/home", "--dev-validator", "0"])
            XCTAssertEqual(result.status, 1, "free \(free): exit 1, not a signal\n\(result.stderr)")
            XCTAssertTrue(result.stderr.contains("bytes free and Proofmint needs at least"), "free \(free): \(result.stderr)")
            XCTAssertEqual(disk.leftovers(), [], "free \(free): init must leave nothing behind")
            disk.release()
        }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", disk.path + "/home", "--dev-validator", "0"])
        XCTAssertEqual(disk.leftovers(), ["home"], "with space, the staging directory has become the home")
    }

    func testStartOnAFullDiskWithoutItsLockFileIsRefusedWithoutASignal() throws {
        let disk = try SmallFileSystem(megabytes: 4)
        defer { disk.unmount() }
        let home = disk.path + "/home"
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let lockFile = home + "/data/lock.mdb"
        try FileManager.default.removeItem(atPath: lockFile)
        try disk.fill()
        for _ in 0..<2 {
            let start = try Command.run("proofmintd", ["start", "--home", home, "--rpc-port", "0"], timeout: 30)
            XCTAssertEqual(start.status, 1, start.stderr)
            XCTAssertTrue(start.stderr.contains("\(home)/data has 0 bytes free"), start.stderr)
        }
        // inspect checks no minimum (it only reads): what stops it is the lock file's allocation, which LMDB faulted on.
        let inspect = try Command.run("proofmintd", ["inspect", "--home", home])
        XCTAssertEqual(inspect.status, 1, inspect.stderr)
        XCTAssertTrue(inspect.stderr.contains("\(lockFile) has 0 bytes free"), inspect.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lockFile), "a lock file that could not be allocated is not left behind")
        disk.release()
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true, "\(verify)")
    }

    func testANodeWhoseDiskFillsRefusesTransactionsWithTheReasonAndResumesWhenSpaceIsFreed() throws {
        let disk = try SmallFileSystem(megabytes: 8)
        defer { disk.unmount() }
        let home = disk.path + "/home"
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let node = NodeProcess(home: home)
        try node.start(["--mining", "instant"])
        defer { node.stop() }
        let sender = try TransferSender(account: 2)
        try disk.fill()
        // Blocks of fresh recipients soon need pages the full disk cannot give; until then they commit.
        var queued = [String]()
        var refusal: RPCFailure?
        let deadline = Date().addingTimeInterval(120)
        while refusal == nil && Date() < deadline {
            do {
                queued.append(try sender.send(to: node))
            } catch let failure as RPCFailure where failure.code == -32006 {
                refusal = failure
            }
        }
        let refused = try XCTUnwrap(refusal, "the node never noticed the full disk")
        XCTAssertTrue(refused.message.contains("cannot commit blocks to \(home)/data"), refused.message)
        XCTAssertTrue(refused.message.contains("bytes free"), refused.message)
        let data = try XCTUnwrap(refused.object["data"] as? [String: Any])
        XCTAssertEqual(data["name"] as? String, "storage_unavailable")
        let status = try node.callObject("pm_status")
        XCTAssertEqual(status["accepting_transactions"] as? Bool, false)
        XCTAssertTrue((status["storage_error"] as? String ?? "").contains("cannot commit block"), "\(status)")
        let waiting = try XCTUnwrap(status["mempool_size"] as? Int)
        XCTAssertGreaterThan(waiting, 0, "the transactions of the block that failed stay queued")
        let unhealthy = try health(node)
        XCTAssertEqual(unhealthy.status, 503)
        XCTAssertTrue(unhealthy.body.contains("storage unavailable: cannot commit block"), unhealthy.body)

        disk.release()
        try waitUntil("the node accepts transactions again") { try node.callObject("pm_status")["accepting_transactions"] as? Bool == true }
        try waitUntil("every queued transaction is mined") {
            try queued.allSatisfy { id in try node.callObject("pm_getTransaction", ["id": id])["status"] as? String == "included" }
        }
        let afterwards = try sender.send(to: node)
        try waitUntil("a new transaction is mined") { try node.callObject("pm_getTransaction", ["id": afterwards])["status"] as? String == "included" }
        XCTAssertEqual(try health(node).status, 200)
        let log = node.log
        XCTAssertEqual(log.components(separatedBy: "cannot commit blocks: refusing transactions").count - 1, 1, "logged once per outage\n\(log)")
        XCTAssertEqual(log.components(separatedBy: "commits succeed again").count - 1, 1, log)
    }

    private func health(_ node: NodeProcess) throws -> RawHTTP.Reply {
        let port = try XCTUnwrap(URL(string: node.url)?.port)
        return try RawHTTP.send(port: port, method: "GET", path: "/health", headers: [("Host", "127.0.0.1")])
    }

    /// Polls `condition` (no timing is asserted: the deadline only stops a hung test).
    private func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        XCTFail("timed out waiting until \(what)")
    }
}

/// Signs transfers from one dev account to fresh recipients (each a new state entry and new tree nodes).
final class TransferSender {
    private let key: Ed25519.PrivateKey
    private let label: String
    private(set) var nonce: UInt64 = 0

    init(account: Int) throws {
        key = try DevAccounts.key(index: account)
        label = "fresh-\(account)"
    }

    /// The next transfer, signed.
    func next() -> SignedTransaction {
        Transaction(
            chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: nonce, fee: Tokens.one / 1000,
            payload: .transfer(Transfer(recipient: Address(module: "\(label)-\(nonce)"), amount: Tokens.one))
        ).signed(by: key)
    }

    /// Sends the next transfer to every node; returns its id and moves to the next nonce once they all took it.
    @discardableResult
    func send(to nodes: NodeProcess...) throws -> String {
        let transaction = next()
        for node in nodes { try node.call("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex]) }
        nonce += 1
        return transaction.id.hex
    }
}
