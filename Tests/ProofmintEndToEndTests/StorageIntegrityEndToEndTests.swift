import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

@testable import ProofmintStorage

/// Issue 13, D5, over real processes: a stopped node's store is damaged by one flipped bit (through LMDB, as a failing
/// disk would), then `inspect --verify` must report it and `start` must refuse, or serve an error instead of the
/// damaged value and never build a block on it.
final class StorageIntegrityEndToEndTests: XCTestCase {
    private static let chainId = "proofmint-devnet-1"
    private var home: String!
    private var node: NodeProcess!
    private let recipient = Address(module: "integrity-recipient")

    override func setUpWithError() throws {
        home = Paths.temporaryDirectory("integrity")
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        node = NodeProcess(home: home)
    }

    override func tearDownWithError() throws {
        node.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    private func transfer(nonce: UInt64) throws -> SignedTransaction {
        let key = try DevAccounts.key(index: 3)
        return Transaction(
            chainId: Self.chainId, sender: key.publicKey, nonce: nonce, fee: Tokens.one / 1000,
            payload: .transfer(Transfer(recipient: recipient, amount: Tokens.one))
        ).signed(by: key)
    }

    /// Blocks 1 and 2 each hold a transfer to `recipient`, block 3 is empty (so both lie below the head); then the
    /// node stops. Returns the two transactions.
    private func runTransfersAndStop() throws -> [SignedTransaction] {
        try node.start(["--mining", "manual"])
        let transactions = try (0..<2).map { nonce in
            let transaction = try transfer(nonce: UInt64(nonce))
            try node.call("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex])
            try node.call("pm_mine", ["blocks": 1])
            return transaction
        }
        try node.call("pm_mine", ["blocks": 1])
        node.stop()
        return transactions
    }

    /// Opens the stopped node's store through ProofmintStorage's test hooks and damages it.
    private func damage(_ body: (ChainStore) throws -> Void) throws {
        let store = try ChainStore.open(at: home + "/data")
        try body(store)
    }

    /// `inspect --verify --json`: must exit non-zero and name `table` and `key` in a problem.
    private func assertVerifyReports(table: String, key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try Command.run("proofmintd", ["inspect", "--home", home, "--verify", "--json"])
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        let report = try result.json()
        XCTAssertEqual(report["consistent"] as? Bool, false, file: file, line: line)
        let problems = try XCTUnwrap(report["problems"] as? [String], "\(report)", file: file, line: line)
        XCTAssertTrue(problems.contains { $0.contains("table \(table)") && $0.contains(key) }, "\(problems)", file: file, line: line)
    }

    private func rpcFailure(_ method: String, _ params: [String: Any]) throws -> RPCFailure {
        do {
            let answer = try node.call(method, params)
            throw CommandFailure("\(method) answered \(answer) from a damaged store")
        } catch let failure as RPCFailure {
            return failure
        }
    }

    func testAFlippedBitInAnAccountIsReportedNeverServedAndNeverBuiltOn() throws {
        _ = try runTransfersAndStop()
        let key = StateKey.account(recipient).bytes
        try damage { try $0.flipBitForTesting(in: .state, key: key, at: 2) }
        try assertVerifyReports(table: "state", key: key.hex)

        try node.start(["--mining", "manual"])
        let read = try rpcFailure("pm_getAccount", ["address": recipient.text])
        XCTAssertTrue(read.message.contains("table state") && read.message.contains(key.hex), read.message)
        // A transfer to the damaged account is admitted (admission reads the sender only), but no block is built on it.
        let height = try XCTUnwrap(node.callObject("pm_status")["height"] as? Int)
        let third = try transfer(nonce: 2)
        try node.call("pm_sendTransaction", ["tx": third.canonicalBytes.hex])
        let build = try rpcFailure("pm_mine", ["blocks": 1])
        XCTAssertTrue(build.message.contains("table state"), build.message)
        XCTAssertEqual(try node.callObject("pm_status")["height"] as? Int, height)
        XCTAssertEqual(try node.callObject("pm_getTransaction", ["id": third.id.hex])["status"] as? String, "pending")
    }

    func testAFlippedBitInATransactionSignatureIsReportedAndNotServedAndAtTheHeadRefusesTheStart() throws {
        let transactions = try runTransfersAndStop()
        try damage { store in
            let (blockKey, offset) = try store.signatureByteForTesting(ofTransaction: transactions[0].id)
            try store.flipBitForTesting(in: .blocks, key: blockKey, at: offset)
        }
        try assertVerifyReports(table: "blocks", key: "height 1")

        try node.start(["--mining", "manual"])
        for (method, params) in [("pm_getTransaction", ["id": transactions[0].id.hex]), ("pm_getBlock", ["height": 1])] as [(String, [String: Any])] {
            let failure = try rpcFailure(method, params)
            XCTAssertTrue(failure.message.contains("table blocks, height 1"), "\(method): \(failure.message)")
        }
        XCTAssertEqual(try node.callObject("pm_getTransaction", ["id": transactions[1].id.hex])["height"] as? Int, 2, "undamaged blocks still serve")
        node.stop()

        try damage { try $0.flipBitForTesting(in: .blocks, key: UInt64(3).bigEndianBytes, at: 20) }
        XCTAssertThrowsError(try node.start(["--mining", "manual"])) { error in
            XCTAssertTrue("\(error)".contains("table blocks, height 3"), "\(error)")
        }
        try assertVerifyReports(table: "blocks", key: "height 3")
    }
}
