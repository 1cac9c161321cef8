import Foundation
@testable import ProofmintABCI
import ProofmintABCIProto
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import SwiftProtobuf
import XCTest

/// The proposer's VRF beacon in ABCI mode (docs/PROTOCOL.md §4.7): `PrepareProposal` puts it first as a carrier,
/// `ProcessProposal` rejects a block without the proposer's proof for the height, and the proposer can no longer grind
/// the beacon by reordering the block (the attack of docs/ECONOMIC-SECURITY.md, "ABCI mode"). In process, over a real
/// LMDB store made from `TestChain`'s two-validator genesis.
final class ABCIBeaconTests: XCTestCase {
    private var directory = ""
    private var chain: TestChain!
    private var store: ChainStore!
    private let alice = TestKeys.key("alice"), carol = TestKeys.key("carol")

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "abci-beacon-\(UUID().uuidString)"
        chain = try TestChain()
        store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
    }

    override func tearDown() {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Block 1's round-0 proposer (the lower CometBFT address) and the other validator.
    private var proposers: (first: Ed25519.PrivateKey, other: Ed25519.PrivateKey) {
        let keys = chain.validatorKeys.sorted {
            ABCIValidators.address(of: $0.publicKey).lexicographicallyPrecedes(ABCIValidators.address(of: $1.publicKey))
        }
        return (keys[0], keys[1])
    }

    private func application(key: Ed25519.PrivateKey?) -> ABCIApplication { ABCIApplication(store: store, validatorKey: key) }

    private func call(_ app: ABCIApplication, _ value: Tendermint_Abci_Request.OneOf_Value) throws -> Tendermint_Abci_Response {
        let response = app.respond(to: .with { $0.value = value })
        if case let .exception(exception) = response.value { throw CommandError(exception.error) }
        return response
    }

    private func transfers() -> [Data] {
        [
            chain.transfer(from: alice, to: TestKeys.address("bob"), amount: Tokens.one, nonce: 0),
            chain.transfer(from: alice, to: TestKeys.address("bob"), amount: 2 * Tokens.one, nonce: 1),
            chain.transfer(from: carol, to: TestKeys.address("bob"), amount: 3 * Tokens.one, nonce: 0),
        ].map { Data($0.canonicalBytes) }
    }

    private func prepare(_ app: ABCIApplication, proposer: Ed25519.PublicKey, txs: [Data]) throws -> [Data] {
        try call(app, .prepareProposal(.with {
            $0.maxTxBytes = 1 << 20
            $0.txs = txs
            $0.height = 1
            $0.time = .with { $0.seconds = Int64(chain.genesisBlock.header.timestamp / 1_000) + 1 }
            $0.proposerAddress = Data(ABCIValidators.address(of: proposer))
        })).prepareProposal.txs
    }

    private func process(_ app: ABCIApplication, proposer: Ed25519.PublicKey, txs: [Data], height: Int64 = 1) throws
        -> Tendermint_Abci_ResponseProcessProposal.ProposalStatus {
        try call(app, .processProposal(.with {
            $0.txs = txs
            $0.height = height
            $0.time = .with { $0.seconds = Int64(chain.genesisBlock.header.timestamp / 1_000) + 1 }
            $0.hash = Data(SHA2.sha256(txs.flatMap { Array($0) }))
            $0.proposerAddress = Data(ABCIValidators.address(of: proposer))
        })).processProposal.status
    }

    private func finalize(_ app: ABCIApplication, proposer: Ed25519.PublicKey, txs: [Data]) throws -> Tendermint_Abci_ResponseFinalizeBlock {
        try call(app, .finalizeBlock(.with {
            $0.txs = txs
            $0.height = 1
            $0.time = .with { $0.seconds = Int64(chain.genesisBlock.header.timestamp / 1_000) + 1 }
            $0.hash = Data(SHA2.sha256(txs.flatMap { Array($0) }))
            $0.proposerAddress = Data(ABCIValidators.address(of: proposer))
        })).finalizeBlock
    }

    private func carrier(_ key: Ed25519.PrivateKey, height: UInt64 = 1, chainId: String? = nil) throws -> Data {
        Data(ABCIBeaconCarrier.bytes(try BlockBeacon.prove(chainId: chainId ?? chain.chainId, height: height, producer: key)))
    }

    func testThePreparedBlockCarriesTheProposersBeaconFirstAndIsAccepted() throws {
        let proposer = proposers.first
        let app = application(key: proposer)
        let txs = transfers()
        let prepared = try prepare(app, proposer: proposer.publicKey, txs: txs + [Data([1, 2, 3])])
        XCTAssertEqual(prepared.count, 4)
        XCTAssertEqual(prepared.first, try carrier(proposer), "the proof is deterministic: the same bytes as proving here")
        XCTAssertEqual(prepared.first?.count, 107)
        XCTAssertEqual(Array(prepared.dropFirst()), txs, "the undecodable transaction is left out, the rest kept in order")
        XCTAssertThrowsError(try SignedTransaction(canonical: Array(try XCTUnwrap(prepared.first))), "a carrier is not a transaction")
        XCTAssertEqual(try process(application(key: nil), proposer: proposer.publicKey, txs: prepared), .accept)

        let finalized = try finalize(application(key: nil), proposer: proposer.publicKey, txs: prepared)
        XCTAssertEqual(finalized.txResults.map(\.code), [0, 0, 0, 0])
        let beacon = try BlockBeacon.prove(chainId: chain.chainId, height: 1, producer: proposer)
        XCTAssertEqual(finalized.txResults.first?.data, Data(beacon.output.bytes), "the carrier's result names the beacon value")
    }

    func testAProposalWithoutTheProposersProofForThisHeightIsRejected() throws {
        let (proposer, other) = proposers
        let app = application(key: nil)
        let txs = transfers()
        var tampered = Array(try carrier(proposer))
        tampered[tampered.count - 40] ^= 0x01
        let cases: [(String, [Data])] = [
            ("no carrier", txs),
            ("an empty block", []),
            ("the carrier not first", [txs[0], try carrier(proposer)] + txs.dropFirst()),
            ("another key's proof", [try carrier(other)] + txs),
            ("another height's proof", [try carrier(proposer, height: 2)] + txs),
            ("another chain's proof", [try carrier(proposer, chainId: "another-chain")] + txs),
            ("a tampered proof", [Data(tampered)] + txs),
            ("a truncated carrier", [try carrier(proposer).dropLast()] + txs),
            ("two carriers", [try carrier(proposer), try carrier(proposer)] + txs),
        ]
        for (name, block) in cases {
            XCTAssertEqual(try process(app, proposer: proposer.publicKey, txs: block), .reject, name)
        }
        XCTAssertEqual(try process(app, proposer: proposer.publicKey, txs: [try carrier(proposer)] + txs), .accept, "the control")
        XCTAssertThrowsError(try finalize(app, proposer: proposer.publicKey, txs: [try carrier(other)] + txs)) {
            XCTAssertTrue("\($0)".contains("beacon"), "\($0)")
        }
    }

    /// The attack of docs/ECONOMIC-SECURITY.md "ABCI mode": the proposer tries orderings of its block (each a new
    /// CometBFT block hash) hoping for a beacon it likes. With the VRF carrier every ordering gives the same beacon, so
    /// the same randomness mix (state key 0x29), which decides compute sampling.
    func testReorderingTheBlockDoesNotChangeTheBeacon() throws {
        let proposer = proposers.first
        let app = application(key: nil)
        let txs = transfers()
        let orderings = try [[0, 1, 2], [2, 0, 1], [0, 2, 1]].map { order in [try carrier(proposer)] + order.map { txs[$0] } }
        var mixes: Set<[UInt8]> = []
        var transactionRoots: Set<Hash32> = []
        for block in orderings {
            XCTAssertEqual(try process(app, proposer: proposer.publicKey, txs: block), .accept)
            _ = try finalize(app, proposer: proposer.publicKey, txs: block)
            let pending = try XCTUnwrap(app.pending)
            XCTAssertEqual(pending.block.header.beacon, Array(block[0].dropFirst(27)), "the stored header holds the carried proof")
            transactionRoots.insert(pending.block.header.transactionRoot)
            let writes = pending.outcome.stateWrites
            mixes.insert(try XCTUnwrap(writes.first { $0.key == StateKey.randomnessMix }.flatMap(\.value)))
        }
        XCTAssertEqual(mixes.count, 1, "one beacon whatever the order or the block hash")
        XCTAssertEqual(transactionRoots.count, orderings.count, "each ordering is another block (and another CometBFT hash)")
    }

    func testCheckTxRefusesACarrier() throws {
        let app = application(key: nil)
        for bytes in [try carrier(proposers.first), Data(ABCIBeaconCarrier.magic)] {
            let answer = try call(app, .checkTx(.with { $0.tx = bytes })).checkTx
            XCTAssertEqual(answer.code, ABCIResults.undecodableCode, answer.log)
            XCTAssertTrue(answer.log.contains("beacon carrier"), answer.log)
        }
    }

    func testWithoutTheProposersKeyThePreparedBlockIsEmpty() throws {
        let (proposer, other) = proposers
        XCTAssertEqual(try prepare(application(key: nil), proposer: proposer.publicKey, txs: transfers()), [])
        XCTAssertEqual(try prepare(application(key: other), proposer: proposer.publicKey, txs: transfers()), [], "another validator's key")
    }

    func testRoundZeroProposersRotateInAscendingAddressOrder() throws {
        let set = try store.withSnapshot { try $0.validatorSet() }
        let (first, other) = proposers
        XCTAssertEqual(ABCIValidators.roundZeroProposer(height: 1, in: set), first.publicKey)
        XCTAssertEqual(ABCIValidators.roundZeroProposer(height: 2, in: set), other.publicKey)
        XCTAssertEqual(ABCIValidators.roundZeroProposer(height: 3, in: set), first.publicKey)
        XCTAssertNil(ABCIValidators.roundZeroProposer(height: 0, in: set))
    }
}

private struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
