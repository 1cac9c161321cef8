import Foundation
import ProofmintCore
import XCTest

/// Several real `proofmintd` processes on loopback (issue 15): followers fetch, verify and commit the producer's
/// blocks, forward transactions (single and batched) to it, catch up after a SIGKILL, and refuse tampered blocks from a bad peer.
final class FollowerEndToEndTests: XCTestCase {
    private var network: LoopbackNetwork!
    private var keystore = ""
    private var peers: [TamperingPeer] = []

    override func tearDown() {
        network?.remove()
        for peer in peers { peer.stop() }
        if !keystore.isEmpty { try? FileManager.default.removeItem(atPath: keystore) }
    }

    /// Blocks every 300 ms from validator 0; followers without a key.
    private static let producerFlags = ["--block-time", "300"]

    func testATransferSentToAFollowerLandsInTheSameBlockEverywhereAndAKilledFollowerCatchesUp() throws {
        network = LoopbackNetwork(label: "follow")
        let producer = try network.add(validator: 0), first = try network.add(validator: nil), second = try network.add(validator: nil)
        try network.start(producer, following: [], Self.producerFlags)
        try network.start(first, following: [producer])
        try network.start(second, following: [producer, first])

        // The wallet talks to the second follower only: the transfer reaches the producer through it.
        keystore = Paths.temporaryDirectory("follow-keys")
        let environment = [
            "PROOFMINT_PASSWORD": "e2e-password", "PROOFMINT_KDF": "interactive", "PROOFMINT_KEYSTORE": keystore,
            "PROOFMINT_NODE": network.url(second),
        ]
        try Command.succeed("proofmint", ["keys", "import-dev", "--count", "2"], environment: environment)
        let sent = try Command.succeed(
            "proofmint", ["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2.5AI", "--json"], environment: environment).json()
        let id = try XCTUnwrap(sent["id"] as? String)
        let height = try XCTUnwrap(sent["height"] as? Int)
        for node in [producer, first, second] {
            try network.waitUntil("node \(node) reaches block \(height)") { try network.height(node) >= height }
            let included = try network.nodes[node].callObject("pm_getTransaction", ["id": id])
            XCTAssertEqual(included["status"] as? String, "included", "node \(node)")
            XCTAssertEqual(included["height"] as? Int, height, "node \(node)")
            XCTAssertEqual(included["block_hash"] as? String, sent["block_hash"] as? String, "node \(node)")
            XCTAssertEqual(try network.nodes[node].callObject("pm_status")["mempool_size"] as? Int, 0, "node \(node) keeps an included transaction")
        }
        // A JSON-RPC batch sent to a follower reaches the producer as well: its admitted transactions are handed
        // to the peers together.
        let batch = try TransferStream(senderIndices: [2, 3], label: "follow-batch").sendRound(to: network.nodes[second])
        XCTAssertEqual(batch.count, 2, "the follower admits both transfers of the batch")
        for id in batch {
            try network.waitUntil("the batched transfer \(id) is included on the producer") {
                try network.nodes[producer].callObject("pm_getTransaction", ["id": id])["status"] as? String == "included"
            }
        }
        let status = try network.nodes[second].callObject("pm_status")
        let peerStates = (status["peers"] as? [[String: Any]])?.map { $0["state"] as? String }
        XCTAssertEqual(peerStates, ["ok", "ok"], "\(status)")
        XCTAssertEqual(try network.nodes[producer].callObject("pm_status")["sync_state"] as? String, "standalone")

        // SIGKILL a follower; the chain goes on; restarted, it catches up from its last committed block.
        network.nodes[first].kill()
        let killedAt = try network.height(producer)
        try network.waitUntil("the producer moves on") { try network.height(producer) >= killedAt + 5 }
        try network.start(first, following: [producer])
        let target = try network.height(producer)
        try network.waitUntil("the restarted follower catches up") { try network.height(first) >= target }
        try network.assertSameChain([producer, first, second], through: target)
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", network.nodes[first].home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true, "\(verify)")
    }

    func testAFollowerRefusesTamperedBlocksKeepsItsStateAndSyncsFromAnHonestPeer() throws {
        network = LoopbackNetwork(label: "tamper")
        let producer = try network.add(validator: 0), follower = try network.add(validator: nil)
        try network.start(producer, following: [], Self.producerFlags)
        let resigned = try TamperingPeer(fronting: network.nodes[producer], tampering: .stateRoot(resign: true))
        let unsigned = try TamperingPeer(fronting: network.nodes[producer], tampering: .stateRoot(resign: false))
        let otherChain = try TamperingPeer(fronting: network.nodes[producer], tampering: .wrongGenesis)
        peers = [resigned, unsigned, otherChain]
        // The bad peers come first and claim to be ahead, so the follower asks them before the honest one.
        try network.start(follower, following: [producer], extraPeers: peers.map(\.url))

        var views = [String: [String: Any]]()
        try network.waitUntil("both tampering peers are backed off, the other chain is refused, and the follower is at block 10") {
            let status = try network.nodes[follower].callObject("pm_status")
            views = Dictionary(uniqueKeysWithValues: (status["peers"] as? [[String: Any]] ?? []).map { ($0["url"] as? String ?? "", $0) })
            return views[resigned.url]?["last_error"] is String && views[unsigned.url]?["last_error"] is String
                && views[otherChain.url]?["state"] as? String == "wrong_genesis" && (status["height"] as? Int ?? 0) >= 10
        }
        let resignedError = try XCTUnwrap(views[resigned.url]?["last_error"] as? String)
        XCTAssertTrue(resignedError.contains("state root mismatch"), resignedError)
        let unsignedError = try XCTUnwrap(views[unsigned.url]?["last_error"] as? String)
        XCTAssertTrue(unsignedError.contains("signature"), unsignedError)
        XCTAssertEqual(views[network.url(producer)]?["state"] as? String, "ok")
        XCTAssertTrue(network.nodes[follower].log.contains("refused a block from a peer"), network.nodes[follower].log)
        // The replay tool's mismatch report: both roots and the writes the follower computes, decoded.
        for field in ["header_root=", "computed_root=", "computed_writes="] {
            XCTAssertTrue(network.nodes[follower].log.contains(field), "\(field) missing from the log:\n\(network.nodes[follower].log)")
        }
        XCTAssertTrue(network.nodes[follower].log.contains("refusing peer: it follows another chain"), network.nodes[follower].log)
        try network.assertSameChain([producer, follower], through: try network.height(follower))
    }
}
