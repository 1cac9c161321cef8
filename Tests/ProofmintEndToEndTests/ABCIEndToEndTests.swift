import Foundation
import ProofmintABCIProto
import ProofmintCore
import ProofmintTestSupport
import ProofmintWallet
import SwiftProtobuf
import XCTest

/// `proofmintd abci` driven as CometBFT v0.38 drives it (issue 15 point 4): a real process, a real socket, messages
/// encoded with the types generated from CometBFT's proto files. App hashes are checked against the core run in this
/// test on an in-memory store, and balances against sums worked out here. Every block starts with the proposer's beacon
/// carrier, built here from docs/PROTOCOL.md §4.7's text: "proofmint/beacon-carrier/v1" ‖ the 80-byte VRF proof.
final class ABCIEndToEndTests: XCTestCase {
    private var home = ""
    private var server: ABCIProcess!
    private var genesis: Genesis!
    /// The independent computation: the same blocks through `StateTransition` on a `MemoryStateStore`.
    private var model = MemoryStateStore()
    private var modelHead: BlockHeader!
    private var proposer: Ed25519.PublicKey!
    /// The devnet validator's key, read from the home's validator_key.json (`init --dev-validator 0`).
    private var proposerKey: Ed25519.PrivateKey!
    /// Every transaction committed through ABCI, in order, for the devnet that runs them again.
    private var played: [SignedTransaction] = []

    override func setUpWithError() throws {
        home = Paths.temporaryDirectory("abci")
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        genesis = try Genesis.parse(json: Array(try Data(contentsOf: URL(fileURLWithPath: Paths.devnetGenesis))))
        let (block, outcome) = genesis.genesisBlock()
        model.commit(outcome)
        modelHead = block.header
        proposer = try XCTUnwrap(genesis.validators.validators.first).publicKey
        let keyFile = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: home + "/validator_key.json"))) as? [String: Any]
        proposerKey = try Ed25519.PrivateKey(seed: try XCTUnwrap((keyFile?["seed"] as? String).flatMap { Bytes(hex: $0) }))
        XCTAssertEqual(proposerKey.publicKey, proposer)
        server = ABCIProcess(home: home)
    }

    override func tearDown() {
        server?.kill()
        try? FileManager.default.removeItem(atPath: home)
    }

    func testCometBFTSequenceThenRestartReplaysTheUncommittedBlock() throws {
        try server.start(address: "unix://\(home)/abci.sock", arguments: ["--validator-key", home + "/validator_key.json"])
        var client = try server.connect()
        XCTAssertEqual(try client.call(.echo(.with { $0.message = "hello" })).echo.message, "hello")
        _ = try client.call(.flush(.init()))
        let fresh = try client.call(.info(.init())).info
        XCTAssertEqual(fresh.data, "proofmint")
        XCTAssertEqual(fresh.lastBlockHeight, 0)

        let initChain = try client.call(.initChain(.with {
            $0.chainID = genesis.chainId
            $0.time = Self.timestamp(genesis.genesisTime)
            $0.appStateBytes = try Data(contentsOf: URL(fileURLWithPath: Paths.devnetGenesis))
            $0.initialHeight = 1
        })).initChain
        XCTAssertEqual(initChain.appHash, Data(modelHead.stateRoot.bytes))
        XCTAssertEqual(initChain.validators.map(\.pubKey.ed25519), [Data(proposer.bytes)])

        let dev0 = try DevAccounts.key(index: 0), dev1 = try DevAccounts.address(index: 1), dev2 = try DevAccounts.key(index: 2)
        let startBalance = try model.account(dev1).balance
        var sent: Amount = 0
        for height in UInt64(1)...3 {
            let amounts: [Amount] = [Amount(height) * Tokens.one, 7 * Tokens.one]
            let transactions = [
                transfer(from: dev0, nonce: height * 2 - 2, amount: amounts[0]),
                transfer(from: dev0, nonce: height * 2 - 1, amount: amounts[1]),
                transfer(from: dev2, nonce: height - 1, amount: Tokens.one),
            ]
            sent += amounts[0] + amounts[1] + Tokens.one
            let appHash = try playBlock(client, height: height, transactions: transactions)
            let account = try queryAccount(client, dev1, appHash: appHash, height: height)
            XCTAssertEqual(account.balance, startBalance + sent, "dev1's balance after block \(height)")
        }
        // A block with a transaction that cannot be in it is refused.
        let stale = transfer(from: dev0, nonce: 0, amount: Tokens.one)
        XCTAssertEqual(try client.call(.processProposal(.with {
            $0.txs = [try carrier(height: 4), Data(stale.canonicalBytes)]
            $0.height = 4
            $0.time = Self.timestamp(blockTime(4))
            $0.hash = Data(Self.blockHash(4))
            $0.proposerAddress = Data(Self.cometAddress(proposer))
        })).processProposal.status, .reject)

        // Block 4 is finalized but not committed when the process dies.
        let block4 = [transfer(from: dev0, nonce: 6, amount: 11 * Tokens.one)]
        let expected4 = try modelBlock(height: 4, transactions: block4)
        let finalized = try client.call(.finalizeBlock(try finalizeRequest(height: 4, transactions: block4))).finalizeBlock
        XCTAssertEqual(finalized.appHash, Data(expected4.outcome.stateRoot.bytes))
        server.kill()

        try server.start(address: "tcp://127.0.0.1:0")
        client = try server.connect()
        let restarted = try client.call(.info(.init())).info
        XCTAssertEqual(restarted.lastBlockHeight, 3, "the last committed block, so CometBFT replays block 4")
        XCTAssertEqual(restarted.lastBlockAppHash, Data(modelHead.stateRoot.bytes))
        // CometBFT's replay of block 4: FinalizeBlock and Commit again.
        let replayed = try client.call(.finalizeBlock(try finalizeRequest(height: 4, transactions: block4))).finalizeBlock
        XCTAssertEqual(replayed.appHash, Data(expected4.outcome.stateRoot.bytes))
        _ = try client.call(.commit(.init()))
        model.commit(expected4.outcome)
        modelHead = expected4.outcome.header
        played += block4
        let after = try client.call(.info(.init())).info
        XCTAssertEqual(after.lastBlockHeight, 4)
        XCTAssertEqual(after.lastBlockAppHash, Data(expected4.outcome.stateRoot.bytes))
        let account = try queryAccount(client, dev1, appHash: Data(expected4.outcome.stateRoot.bytes), height: 4)
        XCTAssertEqual(account.balance, startBalance + sent + 11 * Tokens.one)
        // The replayed transaction is now in the state: CheckTx refuses it as a stale nonce.
        let again = try client.call(.checkTx(.with { $0.tx = Data(block4[0].canonicalBytes) })).checkTx
        XCTAssertEqual(again.code, UInt32(TransactionErrorCode.nonceTooLow.rawValue), again.log)

        // A devnet node (its own consensus, VRF beacons) running the same transactions ends with the same accounts.
        try compareWithDevnet(client, accounts: [dev0.publicKey, dev2.publicKey].map(Address.init(publicKey:)) + [dev1])

        // The stored blocks pass the store's own verification, and `inspect` reads them like any other.
        server.kill()
        let verified = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify"])
        XCTAssertTrue(verified.stdout.contains("4"), verified.stdout)
        let shown = try Command.succeed("proofmintd", ["inspect", "--home", home, "--height", "4", "--json"]).json()
        XCTAssertEqual((shown["state_root"] as? String).map { $0.hasSuffix(expected4.outcome.stateRoot.hex) }, true, "\(shown)")
        try Command.succeed("proofmintd", ["export", "--home", home, "--out", home + "/chain.pmc"])
        // Replay re-runs blocks through `apply`, which needs a VRF beacon and a producer signature: refused, and said so.
        let replay = try Command.run("proofmintd", ["replay", "--home", home])
        XCTAssertNotEqual(replay.status, 0)
        XCTAssertTrue((replay.stdout + replay.stderr).contains("MISMATCH at block 1"), replay.stdout + replay.stderr)
    }

    func testAValidatorKeyOutsideTheSetIsRefusedAndNoKeyIsSaid() throws {
        let stranger = home + "/stranger.json"
        let seed = SHA2.sha256(Array("not a validator".utf8))
        let publicKey = try Ed25519.PrivateKey(seed: seed).publicKey.bytes.hex
        try Data(#"{"name": "stranger", "public_key": "\#(publicKey)", "seed": "\#(seed.hex)"}"#.utf8).write(to: URL(fileURLWithPath: stranger))
        let refused = try Command.run("proofmintd", ["abci", "--home", home, "--address", "tcp://127.0.0.1:0", "--validator-key", stranger])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("is not one of the chain's validators"), refused.stderr)

        try server.start(address: "tcp://127.0.0.1:0")
        XCTAssertTrue(server.log.contains("cannot propose"), server.log)
    }

    func testMalformedOrOversizedFramesGetAnExceptionAndCloseWithoutACrash() throws {
        try server.start(address: "tcp://127.0.0.1:0")
        let cases: [(bytes: [UInt8], says: String)] = [
            (ABCITestClient.uvarint(1 << 40), "more than"),
            ([UInt8](repeating: 0xff, count: 11), "varint"),
            (ABCITestClient.uvarint(3) + [0xff, 0xff, 0xff], "not a tendermint.abci.Request"),
        ]
        for (bytes, says) in cases {
            let client = try server.connect()
            try client.sendRaw(bytes)
            let response = try XCTUnwrap(try client.readResponse(), "an exception before closing")
            guard case let .exception(exception) = response.value else { return XCTFail("expected an exception, got \(response)") }
            XCTAssertTrue(exception.error.contains(says), exception.error)
            XCTAssertTrue(client.isClosedByServer())
        }
        // A frame cut short by the peer, and an empty request on a connection that then goes on working.
        let cut = try server.connect()
        try cut.sendRaw(ABCITestClient.uvarint(100) + [0x0a])
        withExtendedLifetime(cut) {}
        let client = try server.connect()
        try client.sendRaw(ABCITestClient.uvarint(0))
        guard case let .exception(empty)? = try client.readResponse()?.value else { return XCTFail("expected an exception") }
        XCTAssertTrue(empty.error.contains("no value"), empty.error)
        XCTAssertEqual(try client.call(.echo(.with { $0.message = "still here" })).echo.message, "still here")
        XCTAssertTrue(server.isRunning)
    }

    // MARK: - CometBFT's side of one block

    /// CheckTx each, PrepareProposal (with junk that must go), ProcessProposal, FinalizeBlock, Commit; returns the app hash,
    /// checked against the model's.
    private func playBlock(_ client: ABCITestClient, height: UInt64, transactions: [SignedTransaction]) throws -> Data {
        for transaction in transactions {
            let checked = try client.call(.checkTx(.with { $0.tx = Data(transaction.canonicalBytes) })).checkTx
            XCTAssertEqual(checked.code, 0, checked.log)
        }
        let gapped = transfer(from: try DevAccounts.key(index: 3), nonce: 5, amount: Tokens.one)
        let refused = try client.call(.checkTx(.with { $0.tx = Data(gapped.canonicalBytes) })).checkTx
        XCTAssertEqual(refused.code, UInt32(TransactionErrorCode.nonceTooHigh.rawValue), refused.log)

        let txs = transactions.map { Data($0.canonicalBytes) }
        let prepared = try client.call(.prepareProposal(.with {
            $0.maxTxBytes = 1 << 20
            $0.txs = txs + [Data([0x01, 0x02, 0x03])]
            $0.height = Int64(height)
            $0.time = Self.timestamp(blockTime(height))
            $0.proposerAddress = Data(Self.cometAddress(proposer))
        })).prepareProposal
        XCTAssertEqual(prepared.txs, [try carrier(height: height)] + txs, "the beacon carrier first; the undecodable transaction left out, the rest kept in order")
        let processed = try client.call(.processProposal(.with {
            $0.txs = prepared.txs
            $0.height = Int64(height)
            $0.time = Self.timestamp(blockTime(height))
            $0.hash = Data(Self.blockHash(height))
            $0.proposerAddress = Data(Self.cometAddress(proposer))
        })).processProposal
        XCTAssertEqual(processed.status, .accept)

        let expected = try modelBlock(height: height, transactions: transactions)
        let finalized = try client.call(.finalizeBlock(try finalizeRequest(height: height, transactions: transactions))).finalizeBlock
        XCTAssertEqual(finalized.txResults.map(\.code), Array(repeating: 0, count: transactions.count + 1))
        XCTAssertEqual(finalized.txResults.dropFirst().first?.events.first?.type, "proofmint.feePaid")
        XCTAssertEqual(finalized.appHash, Data(expected.outcome.stateRoot.bytes), "block \(height)'s app hash")
        XCTAssertNotEqual(finalized.appHash, Data(modelHead.stateRoot.bytes))
        _ = try client.call(.commit(.init()))
        model.commit(expected.outcome)
        modelHead = expected.outcome.header
        played += transactions
        return finalized.appHash
    }

    private func finalizeRequest(height: UInt64, transactions: [SignedTransaction]) throws -> Tendermint_Abci_RequestFinalizeBlock {
        let carrier = try carrier(height: height)
        return .with {
            $0.txs = [carrier] + transactions.map { Data($0.canonicalBytes) }
            $0.height = Int64(height)
            $0.time = Self.timestamp(blockTime(height))
            $0.hash = Data(Self.blockHash(height))
            $0.proposerAddress = Data(Self.cometAddress(proposer))
        }
    }

    /// The proposer's beacon carrier for block `height`, from docs/PROTOCOL.md §4.7's text.
    private func carrier(height: UInt64) throws -> Data {
        let beacon = try BlockBeacon.prove(chainId: genesis.chainId, height: height, producer: proposerKey)
        return Data(Array("proofmint/beacon-carrier/v1".utf8) + beacon.proof)
    }

    /// The block as the core computes it here, with the proposer's VRF beacon (one validator: never a later round's).
    private func modelBlock(height: UInt64, transactions: [SignedTransaction]) throws -> ConsensusOutcome {
        let beacon = try BlockBeacon.prove(chainId: genesis.chainId, height: height, producer: proposerKey)
        let context = ConsensusBlock(chainId: genesis.chainId, height: height, timestamp: blockTime(height), beacon: beacon)
        let result = try StateTransition.execute(transactions: transactions, context: context, parent: modelHead, state: model)
        XCTAssertEqual(result.included.count, transactions.count)
        return result
    }

    /// Queries dev1's account with a proof and checks the proof against `appHash`.
    private func queryAccount(_ client: ABCITestClient, _ address: Address, appHash: Data, height: UInt64) throws -> Account {
        let answer = try client.call(.query(.with { $0.path = "/account/\(address)"; $0.prove = true })).query
        XCTAssertEqual(answer.code, 0, answer.log)
        XCTAssertEqual(answer.height, Int64(height))
        let op = try XCTUnwrap(answer.proofOps.ops.first)
        XCTAssertEqual(op.type, "proofmint:state/v1")
        let proof = try StateProof(canonical: Array(op.data))
        let root = try Hash32(bytes: Array(appHash))
        XCTAssertTrue(proof.verifiesInclusion(
            key: StateKey.account(address).treeKey, valueHash: Hash32.digest(Array(answer.value)), root: root))
        return try Account(canonical: Array(answer.value))
    }

    /// Runs `played` on a fresh `proofmintd start` devnet and compares each account's balance and nonce there with the
    /// ABCI application's `Query` answer. The state roots differ (the devnet's beacons are VRF outputs, so its randomness
    /// mix differs), the accounts must not.
    private func compareWithDevnet(_ client: ABCITestClient, accounts: [Address]) throws {
        let devnetHome = Paths.temporaryDirectory("abci-devnet")
        defer { try? FileManager.default.removeItem(atPath: devnetHome) }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", devnetHome, "--dev-validator", "0"])
        let node = NodeProcess(home: devnetHome)
        defer { node.kill() }
        try node.start()
        for transaction in played { try node.call("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex]) }
        let last = try XCTUnwrap(played.last)
        for _ in 0..<200 {
            if try node.callObject("pm_getTransaction", ["id": last.id.hex])["status"] as? String == "included" { break }
            usleep(50_000)
        }
        for address in accounts {
            let onDevnet = try node.callObject("pm_getAccount", ["address": address.text])
            let answer = try client.call(.query(.with { $0.path = "/account/\(address)" })).query
            let account = try Account(canonical: Array(answer.value))
            XCTAssertEqual(onDevnet["balance"] as? String, "\(account.balance)", "balance of \(address)")
            XCTAssertEqual(onDevnet["nonce"] as? Int, Int(account.nonce), "nonce of \(address)")
        }
    }

    // MARK: - Fixtures

    private func transfer(from key: Ed25519.PrivateKey, nonce: UInt64, amount: Amount) -> SignedTransaction {
        Transaction(
            chainId: genesis.chainId, sender: key.publicKey, nonce: nonce, fee: genesis.parameters.minFee,
            payload: .transfer(Transfer(recipient: (try? DevAccounts.address(index: 1)) ?? Address(publicKey: key.publicKey), amount: amount))
        ).signed(by: key)
    }

    private func blockTime(_ height: UInt64) -> UInt64 { genesis.genesisTime + height * 1_000 }

    /// A stand-in for CometBFT's block hash (any 32 bytes: the application no longer reads it).
    private static func blockHash(_ height: UInt64) -> [UInt8] { SHA2.sha256(Array("cometbft block \(height)".utf8)) }

    /// CometBFT's validator address: the first 20 bytes of SHA-256 of the Ed25519 public key.
    private static func cometAddress(_ key: Ed25519.PublicKey) -> [UInt8] { Array(SHA2.sha256(key.bytes).prefix(20)) }

    private static func timestamp(_ milliseconds: UInt64) -> Google_Protobuf_Timestamp {
        .with {
            $0.seconds = Int64(milliseconds / 1_000)
            $0.nanos = Int32(milliseconds % 1_000) * 1_000_000
        }
    }
}
