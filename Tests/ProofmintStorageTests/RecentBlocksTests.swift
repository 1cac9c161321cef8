import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The last few committed blocks are served from memory: the same blocks as on disk, never one that is gone.
final class RecentBlocksTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-recent-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheLastBlocksComeFromMemoryAndEqualWhatIsStored() throws {
        let chain = try StoreFixture.chain(blocks: 10, seed: 31)
        let store = try StoreFixture.store(at: directory, holding: chain)
        for block in chain.blocks.suffix(store.recentBlocks.capacity) {
            XCTAssertEqual(store.recentBlocks.block(at: block.height), block, "block \(block.height) is remembered")
        }
        XCTAssertNil(store.recentBlocks.block(at: chain.blocks[9 - store.recentBlocks.capacity].height), "only the last few")
        XCTAssertNil(store.recentBlocks.block(at: chain.head.height + 1))
        // A second store on the same files has nothing in memory: every block comes from LMDB, and they agree.
        let reopened = try ChainStore.open(at: directory, options: ChainStore.Options(mapSize: 1 << 30, durability: .full, readOnly: true))
        for block in chain.blocks {
            XCTAssertEqual(try reopened.block(at: block.height), block)
            XCTAssertEqual(try store.block(at: block.height), block)
        }
    }

    func testRememberKeepsTheNewestConsecutiveRun() throws {
        let chain = try StoreFixture.chain(blocks: 9, seed: 32)
        let blocks = chain.blocks
        let recent = RecentBlocks(capacity: 4)
        recent.remember(Array(blocks[0..<2]))
        recent.remember(Array(blocks[2..<3]))
        XCTAssertEqual((1...3).map { recent.block(at: UInt64($0))?.height }, [1, 2, 3])
        recent.remember(Array(blocks[3..<9]))
        XCTAssertEqual((1...9).compactMap { recent.block(at: UInt64($0))?.height }, [6, 7, 8, 9], "bounded to the newest four")
        // A run that does not follow the last one (after a revert the store forgets first; this is the fallback).
        recent.remember(Array(blocks[1..<2]))
        XCTAssertEqual((1...9).compactMap { recent.block(at: UInt64($0))?.height }, [2])
        recent.forgetAll()
        XCTAssertNil(recent.block(at: 2))
        recent.remember([])
        XCTAssertNil(recent.block(at: 2))
    }

    func testTheByteBudgetBoundsWhatIsKept() throws {
        let chain = try StoreFixture.chain(blocks: 12, seed: 33)
        let sizes = chain.blocks.map { $0.transactions.reduce(0) { $0 + $1.encodedSize } }
        let last = chain.blocks.count - 1
        XCTAssertGreaterThan(sizes[last], 0, "the newest block carries transactions")
        // Room for the newest block alone: the one before it is let go as soon as both would not fit.
        let tight = RecentBlocks(capacity: 4, byteBudget: sizes[last] + sizes[last - 1] - 1)
        tight.remember(chain.blocks)
        XCTAssertEqual(tight.block(at: chain.blocks[last].height), chain.blocks[last])
        XCTAssertNil(tight.block(at: chain.blocks[last - 1].height))
        // A block larger than the whole budget is not kept at all.
        let tiny = RecentBlocks(capacity: 4, byteBudget: sizes[last] - 1)
        tiny.remember(Array(chain.blocks[last...]))
        XCTAssertNil(tiny.block(at: chain.blocks[last].height))
    }
}
