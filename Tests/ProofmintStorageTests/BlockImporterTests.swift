import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The pipelined importer over a real LMDB home: what is committed when a block in the middle of a run is bad, and
/// what a reopened home holds when the process "dies" between a block's execution and its commit.
final class BlockImporterTests: XCTestCase {
    /// XCTest makes an instance per test, so each test gets its own home.
    private let directory = NSTemporaryDirectory() + "proofmint-import-\(UUID().uuidString)"

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Six blocks of two transfers.
    private func makeChain() throws -> TestChain { try StoreFixture.pairedTransfers(rounds: 6) }

    /// Creates a home holding only `chain`'s genesis, and closes it.
    private func createHome(_ chain: TestChain) throws {
        _ = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
    }

    /// `block` with its header changed by `edit` and re-signed by its scheduled producer: a well-signed block
    /// whose content is wrong.
    private func resigned(_ block: Block, in chain: TestChain, _ edit: (inout BlockHeader) -> Void) -> Block {
        var header = block.header
        edit(&header)
        return Block.sign(header: header, transactions: block.transactions, producer: chain.producerKey(at: block.height))
    }

    /// Runs `body` with a store opened on the home and returns once the store is closed: LMDB must not have one
    /// environment open twice in a process, and the importer's commit thread may hold the store a moment longer.
    private func withStore<T>(_ body: (ChainStore) throws -> T) throws -> T {
        weak var released: ChainStore?
        let result: T
        do {
            let store = try ChainStore.open(at: directory)
            released = store
            result = try body(store)
        }
        let deadline = Date().addingTimeInterval(5)
        while released != nil, Date() < deadline { usleep(1_000) }
        XCTAssertNil(released, "the store was still referenced after the import")
        return result
    }

    /// The home must be whole: head, tree and every stored entry agree (what `proofmintd inspect --verify` checks).
    private func assertConsistent(_ store: ChainStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try store.checkState()
        XCTAssertTrue(check.isConsistent, "\(check)", file: file, line: line)
        XCTAssertEqual(check.headerRoot, store.head.stateRoot, file: file, line: line)
    }

    func testAWholeRunCommitsEveryBlockWithTheInMemoryRoots() throws {
        let chain = try makeChain()
        try createHome(chain)
        try withStore { store in
            let importer = BlockImporter(store: store)
            var seen = [UInt64]()
            try importer.importBlocks(chain.blocks) { seen.append($0.height) }
            XCTAssertEqual(seen, Array(1...6))
            XCTAssertEqual(importer.statistics.blocks, 6)
            XCTAssertEqual(importer.statistics.transactions, 12)
            XCTAssertEqual(store.head, chain.head)
            try assertConsistent(store)
        }
    }

    func testABadStateRootInTheMiddleCommitsOnlyTheBlocksBeforeIt() throws {
        let chain = try makeChain()
        try createHome(chain)
        var blocks = chain.blocks
        blocks[3] = resigned(blocks[3], in: chain) { $0.stateRoot = Hash32.digest([0xBA, 0xD0]) }
        try withStore { store in
            XCTAssertThrowsError(try BlockImporter(store: store).importBlocks(blocks)) { error in
                guard case let BlockImporter.ImportError.invalidBlock(height, .stateRootMismatch) = error else {
                    return XCTFail("expected a state root mismatch, got \(error)")
                }
                XCTAssertEqual(height, 4)
                XCTAssertTrue("\(error)".contains("block 4"), "the message names the height: \(error)")
            }
            XCTAssertEqual(store.head, chain.blocks[2].header)
            XCTAssertNotNil(try store.block(at: 3))
            XCTAssertNil(try store.block(at: 4))
            XCTAssertNil(try store.block(at: 5))
            try assertConsistent(store)
        }
        // What was committed survives a reopen unchanged.
        try withStore { store in
            XCTAssertEqual(store.head, chain.blocks[2].header)
            try assertConsistent(store)
        }
    }

    func testABadProducerSignatureInTheMiddleStopsTheImportThere() throws {
        let chain = try makeChain()
        try createHome(chain)
        var blocks = chain.blocks
        let forged = blocks[2]
        // Signed by the validator who is not scheduled for this height: the header names the right one.
        let wrongKey = chain.producerKey(at: forged.height + 1)
        blocks[2] = Block.sign(header: forged.header, transactions: forged.transactions, producer: wrongKey)
        try withStore { store in
            XCTAssertThrowsError(try BlockImporter(store: store).importBlocks(blocks)) { error in
                guard case BlockImporter.ImportError.invalidBlock(height: 3, .badProducerSignature(height: 3)) = error else {
                    return XCTFail("expected a bad signature at height 3, got \(error)")
                }
            }
            XCTAssertEqual(store.head, chain.blocks[1].header)
            XCTAssertNil(try store.block(at: 3))
            try assertConsistent(store)
        }
    }

    /// A block whose beacon is another height's proof by the right key (re-signed, so only the beacon is wrong) stops
    /// the import at that block, as every other refused block does.
    func testABadBeaconInTheMiddleStopsTheImportThere() throws {
        let chain = try makeChain()
        try createHome(chain)
        var blocks = chain.blocks
        let forged = blocks[2]
        let producer = chain.producerKey(at: forged.height)
        var header = forged.header
        header.beacon = try BlockHeader.beaconProof(chainId: header.chainId, height: forged.height + 1, producer: producer)
        blocks[2] = Block.sign(header: header, transactions: forged.transactions, producer: producer)
        try withStore { store in
            XCTAssertThrowsError(try BlockImporter(store: store).importBlocks(blocks)) { error in
                guard case BlockImporter.ImportError.invalidBlock(height: 3, .badBeacon(height: 3)) = error else {
                    return XCTFail("expected a bad beacon at height 3, got \(error)")
                }
            }
            XCTAssertEqual(store.head, chain.blocks[1].header)
            XCTAssertNil(try store.block(at: 3))
            try assertConsistent(store)
        }
    }

    func testDyingBetweenApplyAndCommitLeavesTheLastCommittedBlockWholeAndResumable() throws {
        let chain = try makeChain()
        try createHome(chain)
        try withStore { store in
            let importer = BlockImporter(store: store)
            // Block 4 executes and its commit starts on the commit thread, where the "crash" stops it before any
            // write; block 5 executes on top of 4's uncommitted writes, then finds 4's commit failed and stops.
            importer.beforeCommit = { block throws(StorageError) in if block.height == 4 { throw .corrupt(path: "test", detail: "simulated crash before the commit of block 4") } }
            var applied = [UInt64]()
            XCTAssertThrowsError(try importer.importBlocks(chain.blocks) { applied.append($0.height) }) { error in
                guard case BlockImporter.ImportError.storage(height: 4, _) = error else {
                    return XCTFail("expected the commit of block 4 to fail, got \(error)")
                }
            }
            XCTAssertEqual(applied, [1, 2, 3, 4], "progress is reported only for blocks whose predecessor committed")
        }
        // The "restarted process": the home reopens at block 3, consistent, and the import resumes from there.
        try withStore { store in
            XCTAssertEqual(store.head, chain.blocks[2].header)
            XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, chain.blocks[2].header.stateRoot)
            XCTAssertNil(try store.block(at: 4))
            XCTAssertNil(try store.block(at: 5))
            try assertConsistent(store)
            try BlockImporter(store: store).importBlocks(Array(chain.blocks.dropFirst(3)))
            XCTAssertEqual(store.head, chain.head)
            try assertConsistent(store)
        }
    }
}
