import Foundation
import Logging
import ProofmintCore
import ProofmintRPC
@testable import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// A JSON-RPC batch of `pm_sendTransaction` calls (issue 14, point 3): admitted in one turn of the node, each answered
/// as if sent alone and in its place, and in instant mode one block for the whole batch.
final class BatchSubmissionTests: XCTestCase {
    private var directory = ""
    private var chain: TestChain!
    private var node: Node!
    private var handler: JSONRPCHandler!
    private let alice = TestKeys.key("alice")

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-rpc-batch-\(UUID().uuidString)"
        chain = try TestChain(validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one)])
        let store = try ChainStore.create(
            at: directory, genesis: chain.genesis, genesisFile: [], options: .init(mapSize: 1 << 30, durability: .none))
        var logger = Logger(label: "proofmint.test.rpc-batch")
        logger.logLevel = .warning
        node = Node(
            store: store, validator: ValidatorKey(name: "validator-a", key: TestKeys.key("validator-a")), mode: .instant,
            emptyBlocks: false, logger: logger)
        handler = JSONRPCHandler(methods: RPCMethods(node: node), metrics: node.metrics)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func call(id: Int?, hex: String) -> String {
        let idMember = id.map { #""id":\#($0),"# } ?? ""
        return #"{"jsonrpc":"2.0",\#(idMember)"method":"pm_sendTransaction","params":{"tx":"\#(hex)"}}"#
    }

    private func transfer(nonce: UInt64) -> SignedTransaction {
        chain.transfer(from: alice, to: TestKeys.address("carol"), amount: Tokens.one, nonce: nonce)
    }

    func testABatchIsAnsweredInPlaceAndMinedAsOneBlock() async throws {
        let transfers = (0..<8).map { transfer(nonce: $0) }
        var forged = transfers[7].canonicalBytes
        forged[forged.count - 1] ^= 1  // the signature's last byte
        let calls = transfers[0..<4].enumerated().map { call(id: $0.offset, hex: $0.element.canonicalBytes.hex) }
            + [call(id: 4, hex: "00ff"), call(id: nil, hex: transfers[4].canonicalBytes.hex)]
            + transfers[5..<7].enumerated().map { call(id: 6 + $0.offset, hex: $0.element.canonicalBytes.hex) }
            + [call(id: 8, hex: forged.hex), #"{"jsonrpc":"2.0","id":9,"method":"pm_status"}"#]
        let body = await handler.handle(Array(("[" + calls.joined(separator: ",") + "]").utf8))
        let reply = try JSONParser.parse(try XCTUnwrap(body))
        let answers = try XCTUnwrap(reply.arrayValue)
        XCTAssertEqual(answers.compactMap { $0["id"]?.intValue }, [0, 1, 2, 3, 4, 6, 7, 8, 9], "the notification gets no answer")
        let ids = answers.map { $0["result"]?["id"]?.stringValue }
        XCTAssertEqual(Array(ids[0..<4]), transfers[0..<4].map { .some($0.id.hex) })
        XCTAssertEqual(answers[4]["error"]?["code"]?.intValue, -32602, "the malformed one, in its place")
        XCTAssertEqual(Array(ids[5..<7]), transfers[5..<7].map { .some($0.id.hex) })
        XCTAssertEqual(answers[7]["error"]?["data"]?["name"]?.stringValue, "bad_signature", "\(answers[7])")
        XCTAssertNotNil(answers[8]["result"]?["height"], "a call after the run is answered as usual")

        await node.waitForScheduledProduction()
        let block = try XCTUnwrap(try node.store.block(at: 1))
        XCTAssertEqual(block.transactions.map(\.id), transfers[0..<7].map(\.id), "one block for the whole batch, notification included")
        XCTAssertNil(try node.store.block(at: 2))
    }

    /// A batch builds its answers directly; they are what the encoder writes for a single call.
    func testABatchAnswerIsWhatTheEncoderWritesForOneCall() throws {
        for nonce in [UInt64(0), 1, 2] {
            let id = transfer(nonce: nonce).id
            XCTAssertEqual(RPCMethods.sendTransactionResult(id), try JSONValueEncoder.encode(SendTransactionResult(id: id)))
        }
    }

    func testASubmissionCheckedOffTheActorIsRefusedLikeOneCheckedOnIt() async throws {
        let wrongChain = Transaction(
            chainId: "proofmint-other", sender: alice.publicKey, nonce: 0, fee: chain.parameters.minFee,
            payload: .transfer(Transfer(recipient: TestKeys.address("carol"), amount: 1))
        ).signed(by: alice)
        for bytes in [wrongChain.canonicalBytes, transfer(nonce: 0).canonicalBytes + [0]] {
            let alone: NodeError?, batched: NodeError?
            do { _ = try await node.submit(bytes); alone = nil } catch { alone = error }
            let results = await node.submitAll([Submission(bytes)])
            batched = results.first.flatMap { if case let .failure(error) = $0 { error } else { nil } }
            XCTAssertNotNil(alone)
            XCTAssertEqual(alone.map { "\($0)" }, batched.map { "\($0)" })
        }
    }

    /// Parameters that cannot be read refuse each submission of a batch where its own read would have (after the
    /// checks that come first, such as decoding), with the error a submission sent alone gets.
    func testUnreadableParametersRefuseEachSubmissionAsIfItCameAlone() async throws {
        try node.store.flipBitForTesting(in: .state, key: StateKey.parameters.bytes, at: 0)
        let valid = transfer(nonce: 0).canonicalBytes
        let malformed = Array(valid.dropLast())
        let results = await node.submitAll([Submission(valid), Submission(malformed), Submission(transfer(nonce: 1).canonicalBytes)])
        for index in [0, 2] {
            guard case .failure(.mempool(.rejected(.stateUnreadable))) = results[index] else { return XCTFail("entry \(index): \(results[index])") }
        }
        guard case .failure(.mempool(.malformed)) = results[1] else { return XCTFail("the malformed entry: \(results[1])") }
        do {
            _ = try await node.submit(valid)
            XCTFail("admitted with unreadable parameters")
        } catch {
            guard case let .failure(batched) = results[0] else { return }
            XCTAssertEqual("\(error)", "\(batched)", "alone and batched, the same refusal")
        }
        let waiting = await node.mempoolSize
        XCTAssertEqual(waiting, 0)
    }
}
