import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The gapped-transaction bounds (issue 13, D3) as an operator sets them on `proofmintd start` and a client meets
/// them over JSON-RPC.
final class MempoolOptionsEndToEndTests: XCTestCase {
    private func initialisedHome(_ label: String) throws -> String {
        let home = Paths.temporaryDirectory(label)
        _ = try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        return home
    }

    private func transfer(nonce: UInt64) throws -> SignedTransaction {
        let key = try DevAccounts.key(index: 0)
        return Transaction(
            chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: nonce, fee: Tokens.one / 1000,
            payload: .transfer(Transfer(recipient: Address(publicKey: try DevAccounts.key(index: 1).publicKey), amount: 1))
        ).signed(by: key)
    }

    func testAGappedCapAboveThePerSenderCapIsRefusedNamingBothFlags() throws {
        let home = try initialisedHome("gapped-option")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try Command.run(
            "proofmintd", ["start", "--home", home, "--mempool-max-per-sender", "8", "--mempool-max-gapped-per-sender", "9"], timeout: 30)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--mempool-max-gapped-per-sender must be between 0 and --mempool-max-per-sender (8)"), result.stderr)
    }

    func testTheGappedPerSenderCapIsAnsweredAsMempoolBusyWithTheMissingNonce() throws {
        let home = try initialisedHome("gapped-rpc")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let node = NodeProcess(home: home)
        try node.start(["--mining", "manual", "--mempool-max-gapped-per-sender", "2"])
        defer { node.stop() }
        for nonce: UInt64 in [1, 2] { try node.call("pm_sendTransaction", ["tx": try transfer(nonce: nonce).canonicalBytes.hex]) }
        do {
            try node.call("pm_sendTransaction", ["tx": try transfer(nonce: 3).canonicalBytes.hex])
            XCTFail("a third gapped transaction was admitted")
        } catch let failure as RPCFailure {
            XCTAssertEqual(failure.code, -32001)
            XCTAssertEqual((failure.object["data"] as? [String: Any])?["name"] as? String, "gapped_sender_limit")
            XCTAssertTrue(failure.message.contains("send nonce 0 first"), failure.message)
        }
        // Filling the gap makes all three includable: the block takes them in nonce order.
        try node.call("pm_sendTransaction", ["tx": try transfer(nonce: 0).canonicalBytes.hex])
        try node.call("pm_sendTransaction", ["tx": try transfer(nonce: 3).canonicalBytes.hex])
        try node.call("pm_mine", ["blocks": 1])
        XCTAssertEqual(try node.callObject("pm_status")["mempool_size"] as? Int, 0)
    }
}
