import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Snapshot, try, revert (issue 16 point 2), for real: `proofmintd` and the `proofmint dev` commands as separate
/// processes, the chain in real LMDB files.
final class SnapshotEndToEndTests: XCTestCase {
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }

    override func tearDownWithError() throws {
        devnet?.remove()
    }

    private func devAddress(_ index: Int) throws -> String {
        Address(publicKey: try DevAccounts.key(index: index).publicKey).text
    }

    func testTransfersAndBlocksAfterASnapshotAreUndoneExactly() throws {
        devnet = try WalletDevnet(label: "snapshot", devKeys: 3)
        let dev0 = try devAddress(0), dev1 = try devAddress(1)
        try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "1AI"])
        let before = try (devnet.balance(dev0), devnet.balance(dev1))
        let status = try node.callObject("pm_status")

        let snapshot = try devnet.wallet(["dev", "snapshot", "base", "--json"]).json()
        XCTAssertEqual(snapshot["name"] as? String, "base")
        XCTAssertEqual(snapshot["height"] as? Int, status["height"] as? Int)
        XCTAssertEqual(snapshot["state_root"] as? String, status["state_root"] as? String)
        XCTAssertEqual(snapshot["block_hash"] as? String, status["head_hash"] as? String)

        let sent = try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "250AI", "--json"]).json()
        let id = try XCTUnwrap(sent["id"] as? String)
        try devnet.wallet(["tx", "transfer", "--from", "dev1", "--to", "dev0", "--amount", "3AI"])
        try node.call("pm_mine", ["blocks": 5])
        XCTAssertNotEqual(try devnet.balance(dev1), before.1)
        let moved = try XCTUnwrap(node.callObject("pm_status")["height"] as? Int)

        let reverted = try devnet.wallet(["dev", "revert", "base", "--json"]).json()
        XCTAssertEqual(reverted["height"] as? Int, status["height"] as? Int)
        XCTAssertEqual(reverted["state_root"] as? String, status["state_root"] as? String)
        XCTAssertEqual(reverted["reverted_blocks"] as? Int, moved - (status["height"] as? Int ?? 0))
        XCTAssertEqual(reverted["dropped_transactions"] as? Int, 0)
        let after = try node.callObject("pm_status")
        XCTAssertEqual(after["height"] as? Int, status["height"] as? Int)
        XCTAssertEqual(after["state_root"] as? String, status["state_root"] as? String)
        XCTAssertEqual(after["head_hash"] as? String, status["head_hash"] as? String)
        XCTAssertEqual(try (devnet.balance(dev0), devnet.balance(dev1)) == before, true, "balances are the snapshot's")
        XCTAssertThrowsError(try node.call("pm_getTransaction", ["id": id]), "the reverted transfer is gone") { error in
            XCTAssertEqual((error as? RPCFailure)?.code, -32002)
        }

        // The chain goes on from the snapshot: the same nonce is free again, and the store is whole.
        try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2AI"])
        XCTAssertEqual(try devnet.balance(dev1), before.1 + 2 * Tokens.one)
        let listed = try devnet.wallet(["dev", "snapshots", "--json"]).json()
        XCTAssertEqual((listed["snapshots"] as? [[String: Any]])?.map { $0["name"] as? String }, ["base"])
        XCTAssertEqual(listed["undo_records"] as? Int, 1, "one block since the snapshot")
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", devnet.home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true)

        // Reverting again to the same snapshot works; an unknown name is refused with the names there are.
        try devnet.wallet(["dev", "revert", "base"])
        XCTAssertEqual(try devnet.balance(dev1), before.1)
        let unknown = try devnet.walletResult(["dev", "revert", "nope"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("no snapshot named 'nope'") && unknown.stderr.contains("base"), unknown.stderr)
    }

    func testSnapshotMethodsAreRefusedWithoutDevControl() throws {
        devnet = try WalletDevnet(label: "snapshot-off", devKeys: 1)
        node.kill()
        try node.start(["--mining", "instant"], devControl: false)
        for method in ["pm_snapshot", "pm_revert", "pm_deleteSnapshot"] {
            XCTAssertThrowsError(try node.call(method, ["name": "base"]), method) { error in
                XCTAssertEqual((error as? RPCFailure)?.code, -32004, "\(error)")
            }
        }
        XCTAssertThrowsError(try node.call("pm_listSnapshots")) { error in XCTAssertEqual((error as? RPCFailure)?.code, -32004) }
        let refused = try devnet.walletResult(["dev", "snapshot", "base"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--dev-control"), refused.stderr)
    }
}
