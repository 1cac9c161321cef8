import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// `proofmintd dump-state` and `init --from-state` through the real processes (issue 16 point 3): two dumps of a
/// running devnet are the same bytes, an earlier height gives that block's root, and a fork started from a dump has
/// the dumped root and balances, mines a transfer, and exports and replays from its own genesis file.
final class StateDumpEndToEndTests: XCTestCase {
    private var work = ""
    private var devnet: WalletDevnet!
    private var fork: NodeProcess?

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("statedump")
        devnet = try WalletDevnet(label: "statedump", nodeArguments: ["--mining", "instant"], devKeys: 2)
        for amount in ["1AI", "2AI", "3.5AI"] { try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", amount]) }
        _ = try devnet.node.call("pm_mine", ["blocks": 5])
    }

    override func tearDownWithError() throws {
        fork?.kill()
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func dump(_ file: String, _ extra: [String] = []) throws -> [String: Any] {
        try Command.succeed("proofmintd", ["dump-state", "--home", devnet.home, "--out", work + "/" + file, "--json"] + extra).json()
    }

    private func bytes(_ file: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: work + "/" + file)) }

    private func stateRoot(ofBlock height: Int) throws -> String? {
        let header = try devnet.node.callObject("pm_getBlock", ["height": height])["header"] as? [String: Any]
        return header?["state_root"] as? String
    }

    /// Taken while the node runs: two dumps of the head are identical bytes, and a dump at an earlier height holds
    /// that block's root (re-executed from genesis), not the head's.
    func testTwoDumpsAreIdenticalBytesAndAnEarlierHeightHasItsBlocksRoot() throws {
        let first = try dump("a.pmstate"), second = try dump("b.pmstate")
        XCTAssertEqual(try bytes("a.pmstate"), try bytes("b.pmstate"))
        let head = try XCTUnwrap(first["height"] as? Int)
        XCTAssertGreaterThan(head, 5)
        XCTAssertEqual(first["state_root"] as? String, try stateRoot(ofBlock: head))
        XCTAssertEqual(second["digest"] as? String, first["digest"] as? String)

        let earlier = try dump("early.pmstate", ["--height", "2"])
        XCTAssertEqual(earlier["height"] as? Int, 2)
        XCTAssertEqual(earlier["state_root"] as? String, try stateRoot(ofBlock: 2))
        XCTAssertNotEqual(earlier["state_root"] as? String, first["state_root"] as? String)
        let beyond = try Command.run("proofmintd", ["dump-state", "--home", devnet.home, "--out", work + "/x", "--height", "100000"])
        XCTAssertEqual(beyond.status, 1)
        XCTAssertTrue(beyond.stderr.contains("the head is"), beyond.stderr)
    }

    /// The fork's block 0 has the dumped root; it serves the dumped balances, mines a transfer under its own chain
    /// id, and its chain file (which carries the fork genesis file) replays.
    func testAForkStartsWithTheDumpedRootAndMinesATransfer() throws {
        let dumped = try dump("head.pmstate")
        let dev1 = try DevAccounts.address(index: 1).text
        let sourceBalance = try devnet.balance(dev1)
        let home = work + "/fork"
        let created = try Command.succeed("proofmintd", [
            "init", "--from-state", work + "/head.pmstate", "--chain-id", "statedump-fork-1", "--home", home, "--dev-validator", "0", "--json",
        ]).json()
        XCTAssertEqual(created["state_root"] as? String, dumped["state_root"] as? String)
        XCTAssertEqual(created["chain_id"] as? String, "statedump-fork-1")

        let node = NodeProcess(home: home)
        fork = node
        try node.start()
        let genesis = try XCTUnwrap(node.callObject("pm_getBlock", ["height": 0])["header"] as? [String: Any])
        XCTAssertEqual(genesis["state_root"] as? String, dumped["state_root"] as? String)
        let account = try node.callObject("pm_getAccount", ["address": dev1])
        XCTAssertEqual((account["balance"] as? String).flatMap(Tokens.parseBaseUnits), sourceBalance)

        try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "7AI"], environment: ["PROOFMINT_NODE": node.url])
        let after = try node.callObject("pm_getAccount", ["address": dev1])
        XCTAssertEqual((after["balance"] as? String).flatMap(Tokens.parseBaseUnits), sourceBalance + 7 * Tokens.one)
        XCTAssertEqual(try devnet.balance(dev1), sourceBalance, "the source chain does not see the fork's transfer")

        node.stop()
        let chainFile = work + "/fork.pmc"
        try Command.succeed("proofmintd", ["export", "--home", home, "--out", chainFile])
        let replay = try Command.succeed("proofmintd", ["replay", chainFile, "--json"]).json()
        XCTAssertEqual(replay["ok"] as? Bool, true)
        XCTAssertEqual(replay["genesis_hash"] as? String, created["genesis_hash"] as? String)
        // The fork's own state at height 0, re-executed from its fork genesis file, is the dumped state.
        let forkGenesis = try Command.succeed("proofmintd", ["dump-state", "--home", home, "--height", "0", "--out", work + "/fork0.pmstate", "--json"]).json()
        XCTAssertEqual(forkGenesis["state_root"] as? String, dumped["state_root"] as? String)
        XCTAssertEqual(forkGenesis["chain_id"] as? String, "statedump-fork-1")
    }

    /// A dump with one byte changed, or a fork under the source's own chain id, is refused and no home is made.
    func testATamperedDumpOrTheSourceChainIdIsRefused() throws {
        _ = try dump("head.pmstate")
        var damaged = try bytes("head.pmstate")
        damaged[damaged.count - 3] ^= 0x40
        try damaged.write(to: URL(fileURLWithPath: work + "/damaged.pmstate"))
        let home = work + "/refused"
        let tampered = try Command.run("proofmintd", ["init", "--from-state", work + "/damaged.pmstate", "--chain-id", "fork-2", "--home", home])
        XCTAssertEqual(tampered.status, 1)
        XCTAssertTrue(tampered.stderr.contains("damaged or was edited"), tampered.stderr)
        let sameId = try Command.run("proofmintd", ["init", "--from-state", work + "/head.pmstate", "--chain-id", "proofmint-devnet-1", "--home", home])
        XCTAssertEqual(sameId.status, 1)
        XCTAssertTrue(sameId.stderr.contains("a fork needs a new one"), sameId.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home))
    }
}
