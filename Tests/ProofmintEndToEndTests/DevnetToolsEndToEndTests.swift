import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The devnet tools through the real wallet and node processes: a governance change and an epoch's rewards reached
/// with `proofmint dev mine`, the faucet, block time, run-time mining modes, and the refusal on a chain that is not
/// a devnet.
final class DevnetToolsEndToEndTests: XCTestCase {
    private var work: String!
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }
    /// Days of 1,440 one-minute blocks: a 3-day parameter vote is 4,320 blocks and the timelock one day.
    private static let blocksPerDay = 1_440

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("devnet-tools")
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func startDevnet(parameters: [String: Any], devnetFlag: Bool = true) throws {
        let path = try Paths.devnetGenesis(writingTo: work + "/genesis.json", parameters: parameters, devnet: devnetFlag)
        devnet = try WalletDevnet(label: "devnet-tools", genesis: path, nodeArguments: ["--mining", "instant"], devKeys: 5)
    }

    private func wallet(_ arguments: [String]) throws -> CommandResult { try devnet.wallet(arguments) }
    private func height() throws -> Int { try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int) }
    private func header(_ height: Int) throws -> [String: Any] {
        try XCTUnwrap(try node.callObject("pm_getBlock", ["height": height])["header"] as? [String: Any])
    }
    private func head() throws -> [String: Any] { try header(try height()) }

    private func amount(_ value: Any?) throws -> Amount {
        try XCTUnwrap((value as? String).flatMap(Tokens.parseBaseUnits), "not an amount: \(String(describing: value))")
    }

    /// A parameter change is proposed and voted on, then `dev mine` crosses its voting period, its timelock and two
    /// epochs in one command: the change executes and the provider's epoch-0 reward is paid, with every block stamped
    /// one minute after its parent.
    func testDevMineCrossesAVoteTheTimelockAndAnEpochAndEverythingHappens() throws {
        try startDevnet(parameters: [
            "governance": ["block_time_ms": 60_000, "timelock_blocks": Self.blocksPerDay],
        ])
        // Proof of Compute in epoch 0: dev3 is a tier-2 provider, dev1 its consumer.
        try wallet(["tx", "stake", "--from", "dev3", "--amount", "500AI", "--tier", "2", "--attestation", try devnet.attestation(for: "dev3")])
        let receiptPath = work + "/job.json"
        let hash = String(repeating: "ab", count: 32)
        try wallet([
            "receipt", "sign", "--from", "dev1", "--provider", "dev3", "--units", "1000", "--quality", "95", "--price", "10AI",
            "--workload", "llama-3-8b", "--model-hash", hash, "--input-hash", hash, "--output-hash", hash, "--out", receiptPath,
        ])
        try wallet(["tx", "submit-proof", "--from", "dev3", "--receipt", receiptPath])

        // Governance: dev1 and dev2 stake (2,000 of the 2,600 AI staked: past the 51% quorum), dev1 proposes 30 → 36
        // bps, both vote yes.
        for name in ["dev1", "dev2"] { try wallet(["tx", "stake", "--from", name, "--amount", "1000AI"]) }
        let proposed = try wallet(["tx", "propose", "param", "--from", "dev1", "--set", "compute.protocol_fee_bps=36", "--json"]).json()
        let event = try XCTUnwrap(((proposed["receipt"] as? [String: Any])?["events"] as? [[String: Any]])?.first { $0["type"] as? String == "proposed" })
        let id = try XCTUnwrap(event["proposal_id"] as? Int), votingEnd = try XCTUnwrap(event["voting_end_height"] as? Int)
        XCTAssertEqual(votingEnd - (try XCTUnwrap(proposed["height"] as? Int)) + 1, 3 * Self.blocksPerDay, "a 3-day vote")
        for name in ["dev1", "dev2"] {
            try wallet(["tx", "vote", "--from", name, "--proposal", String(id), "--option", "yes"])
        }

        // One command to the execution height: voting end, the timelock, and on the way epochs 0 and 1 close.
        let start = try height()
        let target = votingEnd + Self.blocksPerDay
        let mined = try wallet(["dev", "mine", String(target - start), "--interval-ms", "60000", "--json"]).json()
        XCTAssertEqual(mined["blocks"] as? Int, target - start)
        XCTAssertEqual(mined["last_height"] as? Int, target)
        XCTAssertEqual(try height(), target)

        let parameters = try XCTUnwrap(try node.callObject("pm_getParameters")["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["compute.protocol_fee_bps"] as? Int, 36, "the change executed after its timelock")
        let proposal = try XCTUnwrap(try wallet(["query", "proposal", String(id), "--json"]).json()["proposal"] as? [String: Any])
        XCTAssertEqual(proposal["status"] as? String, "executed")
        let settled = try wallet(["query", "epoch", "--epoch", "0", "--json"]).json()
        let settlement = try XCTUnwrap(settled["settlement"] as? [String: Any], "\(settled)")
        XCTAssertGreaterThan(try amount(settlement["paid"]), 0, "epoch 0 settled and paid its provider")
        XCTAssertGreaterThan(try XCTUnwrap(try node.callObject("pm_getEpoch")["epoch"] as? Int), 1)

        // One minute between blocks: the last is (target − start − 1) minutes after the first mined one.
        let firstMined = try header(start + 1)
        let last = try head()
        let span = try XCTUnwrap(last["timestamp"] as? Int) - (try XCTUnwrap(firstMined["timestamp"] as? Int))
        XCTAssertEqual(span, (target - start - 1) * 60_000)
        // The store is whole: every record, block and index entry checks out, and the tree gives the head's root.
        XCTAssertEqual(try Command.succeed("proofmintd", ["inspect", "--home", devnet.home, "--verify"]).status, 0)
    }

    /// The faucet, block time and mining modes through `proofmint dev`.
    func testFaucetTimeAndModes() throws {
        try startDevnet(parameters: [:])
        let dev4 = try DevAccounts.address(index: 4).text
        let before = try devnet.balance(dev4)
        let funded = try wallet(["dev", "faucet", "dev4", "--amount", "250AI", "--json"]).json()
        XCTAssertEqual(funded["amount"] as? String, String(250 * Tokens.one))
        // Instant mode: the faucet's transfer is in the next block.
        let deadline = Date().addingTimeInterval(10)
        while try devnet.balance(dev4) == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(try devnet.balance(dev4), before + 250 * Tokens.one)

        // The next block's timestamp, then time moved on by an hour.
        try wallet(["dev", "mode", "manual"])
        try wallet(["dev", "time", "--next", "2030-01-01T00:00:00Z"])
        try wallet(["dev", "mine"])
        XCTAssertEqual(try head()["timestamp"] as? Int, 1_893_456_000_000)
        let early = try devnet.walletResult(["dev", "time", "--next", "2029-01-01T00:00:00Z"])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("before the head's"), early.stderr)
        let clock = try wallet(["dev", "time", "--increase", "1h", "--json"]).json()
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(clock["now"] as? Int), 1_893_456_000_000 + 3_600_000)
        try wallet(["dev", "mine"])
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(try head()["timestamp"] as? Int), 1_893_456_000_000 + 3_600_000)

        // Interval mode at run time makes blocks by itself; manual stops it.
        let status = try wallet(["dev", "mode", "interval", "--interval-ms", "50", "--json"]).json()
        XCTAssertEqual(status["mode"] as? String, "interval(50ms)")
        let reached = try height() + 3
        let waitUntil = Date().addingTimeInterval(15)
        while try height() < reached, Date() < waitUntil { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertGreaterThanOrEqual(try height(), reached)
        try wallet(["dev", "mode", "manual"])
        XCTAssertEqual(try node.callObject("pm_status")["mining_mode"] as? String, "manual")
    }

    /// On a chain whose genesis is not a devnet, `--dev-control` still lets `pm_mine` drive a manual node, but no
    /// further than 1,000 blocks a request, and every other tool is refused with `not_a_devnet`.
    func testTheToolsAreRefusedOnAChainThatIsNotADevnet() throws {
        try startDevnet(parameters: [:], devnetFlag: false)
        let refused = try devnet.walletResult(["dev", "faucet", "dev4"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is not a devnet"), refused.stderr)
        for (method, params) in [
            ("pm_increaseTime", ["milliseconds": 1]), ("pm_setMiningMode", ["mode": "manual"]) as (String, [String: Any]),
            ("pm_mine", ["blocks": 2, "interval_ms": 1_000]),
        ] {
            XCTAssertThrowsError(try node.call(method, params)) { error in
                XCTAssertEqual((error as? RPCFailure)?.code, -32008, "\(method): \(error)")
            }
        }
        XCTAssertThrowsError(try node.call("pm_mine", ["blocks": 1_001])) { error in
            XCTAssertEqual((error as? RPCFailure)?.code, -32602, "\(error)")
        }
        XCTAssertEqual(try node.callObject("pm_mine", ["blocks": 1_000])["last_height"] as? Int, 1_000)
    }
}
