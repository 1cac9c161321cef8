import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The node's JSON-RPC edge against malformed and hostile requests, over real HTTP.
final class NodeRPCTests: XCTestCase {
    private var home = ""
    private var node: NodeProcess!

    override func setUpWithError() throws {
        home = Paths.temporaryDirectory("rpc")
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        node = NodeProcess(home: home)
        try node.start(["--mining", "manual", "--rpc-max-body", "65536"])
    }

    override func tearDownWithError() throws {
        node?.kill()
        try? FileManager.default.removeItem(atPath: home)
    }

    private func rpcError(_ method: String, _ params: [String: Any]) throws -> RPCFailure {
        do {
            try node.call(method, params)
        } catch let failure as RPCFailure {
            return failure
        }
        throw CommandFailure("\(method) unexpectedly succeeded")
    }

    private func signedTransfer(nonce: UInt64, chainId: String = "proofmint-devnet-1", fee: Amount = Tokens.one / 1000) throws -> SignedTransaction {
        let key = try DevAccounts.key(index: 0)
        let recipient = Address(publicKey: try DevAccounts.key(index: 1).publicKey)
        return Transaction(
            chainId: chainId, sender: key.publicKey, nonce: nonce, fee: fee,
            payload: .transfer(Transfer(recipient: recipient, amount: Tokens.one))
        ).signed(by: key)
    }

    func testMalformedRequestsGetJSONRPCErrors() throws {
        let notJSON = try node.post(Data("{not json".utf8))
        XCTAssertEqual(try errorCode(notJSON.body), -32700)
        XCTAssertEqual(try rpcError("pm_noSuchMethod", [:]).code, -32601)
        XCTAssertEqual(try rpcError("pm_getAccount", ["address": "pm1nottheaddress"]).code, -32602)
        XCTAssertEqual(try rpcError("pm_sendTransaction", ["tx": "zz"]).code, -32602)
        // docs/RPC.md: undecodable transaction bytes are invalid params, and the message says so.
        let undecodable = try rpcError("pm_sendTransaction", ["tx": "0102"])
        XCTAssertEqual(undecodable.code, -32602)
        XCTAssertTrue(undecodable.message.contains("not a canonical signed transaction"), undecodable.message)
        XCTAssertEqual(try rpcError("pm_getBlock", ["height": 999]).code, -32002)

        let oversized = try node.post(Data(repeating: UInt8(ascii: " "), count: 200_000))
        XCTAssertEqual(oversized.status, 413)
        XCTAssertEqual(try errorCode(oversized.body), -32600)
        XCTAssertEqual(try node.callObject("pm_status")["mempool_size"] as? Int, 0)
    }

    func testBadTransactionsAreRejectedWithTheirStableCodes() throws {
        let forged = try signedTransfer(nonce: 0)
        var signature = forged.signature
        signature[0] ^= 1
        let badSignature = SignedTransaction(transaction: forged.transaction, signature: signature)
        let cases: [(SignedTransaction, Int)] = [
            (badSignature, 2),
            (try signedTransfer(nonce: 0, chainId: "another-chain"), 3),
            (try signedTransfer(nonce: 0, fee: 1), 13),
        ]
        for (transaction, code) in cases {
            let failure = try rpcError("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex])
            XCTAssertEqual(failure.code, -32000)
            XCTAssertEqual((failure.object["data"] as? [String: Any])?["code"] as? Int, code, failure.message)
        }
        XCTAssertEqual(try node.callObject("pm_status")["mempool_size"] as? Int, 0)
    }

    func testManualMiningIncludesQueuedTransactionsInNonceOrder() throws {
        // Sent out of order: nonce 1 waits for nonce 0.
        let second = try signedTransfer(nonce: 1), first = try signedTransfer(nonce: 0)
        try node.call("pm_sendTransaction", ["tx": second.canonicalBytes.hex])
        try node.call("pm_sendTransaction", ["tx": first.canonicalBytes.hex])
        let account = try node.callObject("pm_getAccount", ["address": Address(publicKey: try DevAccounts.key(index: 0).publicKey).text])
        XCTAssertEqual(account["nonce"] as? Int, 0)
        XCTAssertEqual(account["pending_nonce"] as? Int, 2)
        XCTAssertEqual(try node.callObject("pm_getTransaction", ["id": first.id.hex])["status"] as? String, "pending")

        let mined = try node.callObject("pm_mine", ["blocks": 1])
        XCTAssertEqual(mined["first_height"] as? Int, 1)
        XCTAssertEqual(mined["last_height"] as? Int, 1)
        XCTAssertEqual(mined["blocks"] as? Int, 1)
        let block = try node.callObject("pm_getBlock", ["height": 1])
        XCTAssertEqual(block["transactions"] as? [String], [first.id.hex, second.id.hex])
        XCTAssertEqual(try node.callObject("pm_status")["mempool_size"] as? Int, 0)

        // A replay of an included transaction is refused as a used nonce.
        let replay = try rpcError("pm_sendTransaction", ["tx": first.canonicalBytes.hex])
        XCTAssertEqual((replay.object["data"] as? [String: Any])?["name"] as? String, "nonce_too_low")
    }

    func testStakingQueriesAndTheirParameterErrors() throws {
        let dev0 = Address(publicKey: try DevAccounts.key(index: 0).publicKey).text
        let nothing = try node.callObject("pm_getStake", ["address": dev0])
        XCTAssertTrue(nothing["stake"] is NSNull)
        XCTAssertEqual((nothing["unbonding"] as? [Any])?.count, 0)
        XCTAssertEqual(nothing["unbonding_total"] as? String, "0")
        XCTAssertEqual(nothing["height"] as? Int, 0)
        // At genesis the only provider is validator-0, with its 100 AI bond (protocol version 2).
        let genesisProviders = try node.callObject("pm_getProviders")
        XCTAssertEqual((genesisProviders["providers"] as? [[String: Any]])?.compactMap { $0["address"] as? String },
                       ["pm1whtlvxphlwy24xyq4zr6spgk6hmd4km6q8nc7n"])
        XCTAssertEqual(genesisProviders["total_count"] as? Int, 1)
        let supply = try node.callObject("pm_getSupply")
        XCTAssertEqual(supply["staked"] as? String, String(100 * Tokens.one))
        XCTAssertEqual(supply["unbonding_total"] as? String, "0")
        for limit: Any in [0, 1001, "ten", -1] {
            XCTAssertEqual(try rpcError("pm_getProviders", ["limit": limit]).code, -32602, "\(limit)")
        }
        XCTAssertEqual(try rpcError("pm_getStake", ["address": "pm1nottheaddress"]).code, -32602)
        XCTAssertEqual(try rpcError("pm_getStake", [:]).code, -32602)

        // A stake sent over RPC: its transaction, receipt and block in the documented JSON.
        let key = try DevAccounts.key(index: 0)
        let attestation = Hash32.digest(Array("attestation report".utf8))
        let stake = Transaction(
            chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: 0, fee: Tokens.one / 1000,
            payload: .stake(StakeRequest(amount: 100 * Tokens.one, lockEpochs: 4, tier: .atRest, attestation: attestation))
        ).signed(by: key)
        try node.call("pm_sendTransaction", ["tx": stake.canonicalBytes.hex])
        try node.call("pm_mine", ["blocks": 1])
        let included = try node.callObject("pm_getTransaction", ["id": stake.id.hex])
        let body = try XCTUnwrap(included["transaction"] as? [String: Any])
        XCTAssertEqual(body["kind"] as? String, "stake")
        XCTAssertEqual(body["amount"] as? String, String(100 * Tokens.one))
        XCTAssertEqual(body["lock_epochs"] as? Int, 4)
        XCTAssertEqual(body["tier"] as? Int, 1)
        XCTAssertEqual(body["attestation"] as? String, attestation.hex)
        let receipt = try XCTUnwrap(included["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        XCTAssertTrue(receipt["message"] is NSNull)
        let staked = try XCTUnwrap((receipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "staked" })
        XCTAssertEqual(staked["total"] as? String, String(100 * Tokens.one))
        XCTAssertEqual(staked["locked_until"] as? Int, 1 + 4 * 60)

        // 100 AI × 1.1 (4 epochs) × 1.2 (tier 1).
        let record = try XCTUnwrap(try node.callObject("pm_getStake", ["address": dev0])["stake"] as? [String: Any])
        XCTAssertEqual(record["power"] as? String, String(132 * Tokens.one))
        XCTAssertEqual(record["amount_tier"] as? String, "bronze")
        XCTAssertEqual(record["tier_name"] as? String, "at-rest")
        let listed = try node.callObject("pm_getProviders", ["limit": 1])
        XCTAssertEqual((listed["providers"] as? [[String: Any]])?.first?["address"] as? String, dev0)

        // Blocks carry their canonical header bytes, which hash to the block hash (what evidence files hold).
        let block = try node.callObject("pm_getBlock", ["height": 1])
        let header = try BlockHeader(canonical: try XCTUnwrap(Bytes(hex: try XCTUnwrap(block["header_hex"] as? String))))
        XCTAssertEqual(header.hash.hex, block["hash"] as? String)
        XCTAssertEqual(header.height, 1)
        // The node's producer proved the beacon with its validator key; the RPC shows the proof and its value.
        let producer = try Ed25519.PublicKey(bytes: header.producer)
        let randomness = try XCTUnwrap(BlockHeader.beaconOutput(header.beacon, producer: producer, chainId: header.chainId, height: 1))
        let view = try XCTUnwrap(block["header"] as? [String: Any])
        XCTAssertEqual(view["beacon"] as? String, header.beacon.hex)
        XCTAssertEqual(view["randomness"] as? String, randomness.hex)
        let genesis = try XCTUnwrap(try node.callObject("pm_getBlock", ["height": 0])["header"] as? [String: Any])
        XCTAssertTrue(genesis["randomness"] is NSNull, "genesis has no beacon")
    }

    func testMetricsAreServed() throws {
        try node.call("pm_mine", ["blocks": 2])
        var request = URLRequest(url: URL(string: node.url + "/metrics")!)
        request.httpMethod = "GET"
        let text = try String(contentsOf: URL(string: node.url + "/metrics")!, encoding: .utf8)
        XCTAssertTrue(text.contains("proofmint_height 2"), text)
        XCTAssertTrue(text.contains("proofmint_block_apply_seconds"), text)
        _ = request
    }

    private func errorCode(_ body: Data) throws -> Int? {
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? Int
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
