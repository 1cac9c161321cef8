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
            // Runs of at most two. Block 1's commit is held until block 2 has executed, so block 2 waits in the queue
            // and block 3, filling it, waits for block 1's commit: the next run is exactly [2, 3]. Its commit "crashes"
            // at block 3 before any write; block 4, executed on the lost run meanwhile, is dropped with it.
            let importer = BlockImporter(store: store, maxRun: 2)
            let executedTwo = DispatchSemaphore(value: 0)
            importer.beforeCommit = { block throws(StorageError) in
                if block.height == 1 { _ = executedTwo.wait(timeout: .now() + 10) }
                if block.height == 3 { throw .corrupt(path: "test", detail: "simulated crash before the commit of block 3") }
            }
            var applied = [UInt64]()
            XCTAssertThrowsError(try importer.importBlocks(chain.blocks) {
                applied.append($0.height)
                if $0.height == 2 { executedTwo.signal() }
            }) { error in
                guard case BlockImporter.ImportError.storage(height: 2, _) = error else {
                    return XCTFail("expected the commit of the run from block 2 to fail, got \(error)")
                }
                XCTAssertTrue("\(error)".contains("block 2"), "the message names where the import resumes: \(error)")
            }
            XCTAssertEqual(Array(applied.prefix(3)), [1, 2, 3])
            XCTAssertEqual(importer.statistics.commits, 2, "block 1, then the failed run")
        }
        // The "restarted process": the home reopens at block 1, consistent, and the import resumes from there.
        try withStore { store in
            XCTAssertEqual(store.head, chain.blocks[0].header)
            XCTAssertEqual(try store.withSnapshot { try $0.stateRoot() }, chain.blocks[0].header.stateRoot)
            XCTAssertNil(try store.block(at: 2))
            XCTAssertNil(try store.block(at: 4))
            try assertConsistent(store)
            try BlockImporter(store: store).importBlocks(Array(chain.blocks.dropFirst(1)))
            XCTAssertEqual(store.head, chain.head)
            try assertConsistent(store)
        }
    }

    /// Blocks committed in runs leave what one commit a block leaves: the same head, state root, blocks, receipts and
    /// supply index, and a home `verify` finds whole.
    func testRunsOfBlocksCommitTheSameHomeAsOneCommitEach() throws {
        let chain = try makeChain()
        try createHome(chain)
        try withStore { store in
            let importer = BlockImporter(store: store)
            // Block 1's commit is held until block 3 has executed, so blocks 2 and 3 queue behind it into one run.
            let executedThree = DispatchSemaphore(value: 0)
            importer.beforeCommit = { block throws(StorageError) in
                if block.height == 1 { _ = executedThree.wait(timeout: .now() + 10) }
            }
            try importer.importBlocks(chain.blocks) { if $0.height == 3 { executedThree.signal() } }
            XCTAssertEqual(importer.statistics.blocks, 6)
            XCTAssertLessThan(importer.statistics.commits, 6, "blocks 2 and 3 shared a run")
            // Each write transaction is reported with its blocks, in order: block 1 alone, then a run of at least two.
            let runs = importer.statistics.commitRuns
            XCTAssertEqual(runs.count, importer.statistics.commits)
            XCTAssertEqual(runs.map(\.blocks).reduce(0, +), 6)
            XCTAssertEqual(runs.first?.blocks, 1)
            XCTAssertGreaterThanOrEqual(runs.dropFirst().first?.blocks ?? 0, 2)
            XCTAssertEqual(runs.map(\.time).reduce(.zero, +), importer.statistics.commitTime)
            XCTAssertEqual(runs.map(\.ended), runs.map(\.ended).sorted(), "the runs end in order (the benchmark's steady rate)")
            for (earlier, later) in zip(runs, runs.dropFirst()) {
                XCTAssertLessThanOrEqual(later.time, later.ended - earlier.ended, "a run starts after the one before it ends")
            }
            XCTAssertEqual(store.head, chain.head)
            for (block, receipts) in zip(chain.blocks, chain.outcomes.map(\.receipts)) {
                XCTAssertEqual(try store.block(at: block.height)?.hash, block.hash)
                XCTAssertEqual(try store.receipts(at: block.height), receipts, "block \(block.height)")
            }
            try assertConsistent(store)
            XCTAssertTrue(try store.verify().isConsistent)
            let oneByOne = try Self.committedOneByOne(chain, in: directory + "-single")
            defer { try? FileManager.default.removeItem(atPath: directory + "-single") }
            XCTAssertEqual(
                try store.supplyHistory(from: 1, to: 6, points: 6), try oneByOne.supplyHistory(from: 1, to: 6, points: 6))
        }
    }

    /// Inside a run each block still gets its own undo record, taken after the blocks before it in the same
    /// transaction: byte for byte the records of a home that committed one block at a time, and a devnet snapshot taken
    /// before the import, or between imports, reverts exactly.
    func testUndoRecordsOfARunAreThoseOfOneCommitABlock() throws {
        let chain = try makeChain()
        try createHome(chain)
        let single = directory + "-single"
        defer { try? FileManager.default.removeItem(atPath: single) }
        let reference = try ChainStore.create(at: single, genesis: chain.genesis, genesisFile: [])
        _ = try reference.takeSnapshot(named: "genesis")
        for (block, outcome) in zip(chain.blocks, chain.outcomes) { try reference.commit(block, outcome: outcome) }
        try withStore { store in
            _ = try store.takeSnapshot(named: "genesis")
            try Self.importInRuns(Array(chain.blocks.prefix(3)), into: store)
            _ = try store.takeSnapshot(named: "three")
            try Self.importInRuns(Array(chain.blocks.dropFirst(3)), into: store)
            XCTAssertEqual(store.head, chain.head)
            for height in UInt64(1)...6 {
                let record = try Self.undoRecord(at: height, in: store)
                XCTAssertNotNil(record, "block \(height) has an undo record")
                XCTAssertEqual(record, try Self.undoRecord(at: height, in: reference), "block \(height)")
            }
            _ = try store.revert(to: "three")
            XCTAssertEqual(store.head, chain.blocks[2].header)
            try assertConsistent(store)
            _ = try store.revert(to: "genesis")
            XCTAssertEqual(store.head, chain.genesisBlock.header)
            try assertConsistent(store)
        }
    }

    private static func undoRecord(at height: UInt64, in store: ChainStore) throws -> Bytes? {
        let table = store.tables[.undo]
        return try store.environmentForTesting.read(beginFailed: { $0 }) { txn throws(LMDBError) in
            try txn.get(table, height.bigEndianBytes)
        }
    }

    /// Imports `blocks` with the first block's commit held until the last has executed, so the rest form one run.
    private static func importInRuns(_ blocks: [Block], into store: ChainStore) throws {
        guard let first = blocks.first, let last = blocks.last else { return }
        let importer = BlockImporter(store: store)
        let executedLast = DispatchSemaphore(value: 0)
        importer.beforeCommit = { block throws(StorageError) in
            if block.height == first.height { _ = executedLast.wait(timeout: .now() + 10) }
        }
        try importer.importBlocks(blocks) { if $0.height == last.height { executedLast.signal() } }
        XCTAssertEqual(importer.statistics.commits, 2, "the first block, then the rest as one run")
    }

    /// A home where every block of `chain` was committed alone (`ChainStore.commit(_:outcome:)`, a produced block's path).
    private static func committedOneByOne(_ chain: TestChain, in directory: String) throws -> ChainStore {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        for (block, outcome) in zip(chain.blocks, chain.outcomes) { try store.commit(block, outcome: outcome) }
        return store
    }
}
