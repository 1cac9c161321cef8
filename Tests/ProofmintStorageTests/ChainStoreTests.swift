import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

final class ChainStoreTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-store-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A chain of blocks with random transfers between a few funded accounts, built on the in-memory store.
    private func makeChain(blocks: Int, seed: UInt64) throws -> TestChain {
        let names = (0..<12).map { "user\($0)" }
        let chain = try TestChain(users: names.map { ($0, 10_000 * Tokens.one) })
        var random = SplitMix64(seed: seed)
        for _ in 0..<blocks {
            var transactions = [SignedTransaction]()
            var nonces = [String: UInt64]()
            for _ in 0..<Int(random.next() % 20) {
                let from = names[Int(random.next() % UInt64(names.count))]
                let to = names[Int(random.next() % UInt64(names.count))]
                let nonce = nonces[from] ?? chain.nonce(TestKeys.address(from))
                nonces[from] = nonce + 1
                let amount = Amount(random.next() % 50) * Tokens.one
                transactions.append(chain.transfer(from: TestKeys.key(from), to: TestKeys.address(to), amount: amount, nonce: nonce))
            }
            try chain.produce(transactions)
        }
        return chain
    }

    private func genesisFile(_ chain: TestChain) -> Bytes { Array("{}".utf8) }

    func testLMDBStoreMatchesInMemoryStoreBlockByBlock() throws {
        let chain = try makeChain(blocks: 30, seed: 7)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: genesisFile(chain))
        XCTAssertEqual(store.head.stateRoot, chain.genesisBlock.header.stateRoot)
        var parent = store.head
        for (block, expected) in zip(chain.blocks, chain.outcomes) {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            XCTAssertEqual(outcome.stateRoot, expected.stateRoot, "block \(block.height)")
            try store.commit(block, outcome: outcome)
            parent = block.header
            XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, expected.stateRoot)
        }
        XCTAssertEqual(store.head, chain.head)
        let check = try store.checkState()
        XCTAssertTrue(check.isConsistent, "\(check)")
        XCTAssertEqual(check.entries, chain.store.values.count)
        XCTAssertEqual(check.treeNodes, chain.store.nodes.count)
    }

    func testReopenResumesFromTheLastCommittedBlock() throws {
        let chain = try makeChain(blocks: 10, seed: 11)
        do {
            let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: Array("genesis bytes".utf8))
            var parent = store.head
            for block in chain.blocks.prefix(6) {
                let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
                try store.commit(block, outcome: outcome)
                parent = block.header
            }
        }
        let reopened = try ChainStore.open(at: directory)
        XCTAssertEqual(reopened.head.height, 6)
        XCTAssertEqual(reopened.head, chain.blocks[5].header)
        XCTAssertEqual(try reopened.genesisFile(), Array("genesis bytes".utf8))
        var parent = reopened.head
        for block in chain.blocks.dropFirst(6) {
            let outcome = try reopened.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try reopened.commit(block, outcome: outcome)
            parent = block.header
        }
        XCTAssertEqual(reopened.head.stateRoot, chain.head.stateRoot)
    }

    func testBlocksReceiptsAndTransactionIndexAreStored() throws {
        let chain = try makeChain(blocks: 5, seed: 3)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        var parent = store.head
        for block in chain.blocks {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
            parent = block.header
        }
        for (block, outcome) in zip(chain.blocks, chain.outcomes) {
            XCTAssertEqual(try store.block(at: block.height), block)
            XCTAssertEqual(try store.height(ofBlock: block.hash), block.height)
            XCTAssertEqual(try store.receipts(at: block.height), outcome.receipts)
            for (index, transaction) in block.transactions.enumerated() {
                let location = try XCTUnwrap(store.location(ofTransaction: transaction.id))
                XCTAssertEqual(location.height, block.height)
                XCTAssertEqual(location.index, index)
            }
        }
        XCTAssertNil(try store.block(at: 999))
        XCTAssertNil(try store.location(ofTransaction: Hash32.digest([1, 2, 3])))
    }

    func testCommitRefusesABlockThatDoesNotFollowTheHead() throws {
        let chain = try makeChain(blocks: 3, seed: 5)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertThrowsError(try store.commit(chain.blocks[1], outcome: chain.outcomes[1])) { error in
            guard case StorageError.notNextBlock(head: 0, got: 2) = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(store.head.height, 0)
    }

    func testMapGrowsInsteadOfFailingWhenFull() throws {
        let chain = try makeChain(blocks: 40, seed: 13)
        let options = ChainStore.Options(mapSize: 128 << 10, durability: "none")
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: Bytes(repeating: 7, count: 256 << 10), options: options)
        var parent = store.head
        for block in chain.blocks {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
            parent = block.header
        }
        XCTAssertGreaterThan(store.mapSize, 128 << 10, "the map should have grown")
        XCTAssertEqual(store.head.stateRoot, chain.head.stateRoot)
    }

    func testOpeningAMissingDatabaseSaysToInitFirst() {
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.notInitialized = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("proofmintd init"))
        }
    }

    func testCreatingOverAnExistingDatabaseIsRefused() throws {
        let chain = try TestChain()
        _ = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertThrowsError(try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])) { error in
            guard case StorageError.alreadyInitialized = error else { return XCTFail("\(error)") }
        }
    }

    func testATruncatedDataFileIsReportedNotMapped() throws {
        let chain = try makeChain(blocks: 20, seed: 17)
        do {
            let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
            var parent = store.head
            for block in chain.blocks {
                let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
                try store.commit(block, outcome: outcome)
                parent = block.header
            }
        }
        let dataFile = "\(directory!)/data.mdb"
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? Int)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: dataFile))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case let StorageError.corrupt(_, detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("truncated"), detail)
        }
    }

    func testAFileThatIsNotLMDBIsReportedAsDamaged() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let garbage = Data((0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        FileManager.default.createFile(atPath: "\(directory!)/data.mdb", contents: garbage)
        XCTAssertThrowsError(try ChainStore.open(at: directory)) { error in
            guard case StorageError.corrupt = error else { return XCTFail("\(error)") }
        }
    }

    func testCheckStateDetectsATamperedStateEntry() throws {
        let chain = try makeChain(blocks: 5, seed: 19)
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        XCTAssertTrue(try store.checkState().isConsistent)
        // Overwrite one account behind the tree's back.
        let key = StateKey.account(TestKeys.address("user1"))
        try store.environmentForTesting.write { txn in
            try txn.put(store.tablesForTesting[.state], key.bytes, Account(nonce: 0, balance: 1).canonicalBytes)
        }
        let check = try store.checkState()
        XCTAssertFalse(check.isConsistent)
        XCTAssertEqual(check.storedTreeRoot, check.headerRoot)
        XCTAssertNotEqual(check.recomputedRoot, check.headerRoot)
    }
}
