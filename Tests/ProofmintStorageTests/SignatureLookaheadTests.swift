import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintStorage

/// The checks started ahead of execution (importer and replayer): blocks come out in order, each with the verdicts of
/// its own transactions, and a source that fails mid-way still hands out every block read before the failure.
final class SignatureLookaheadTests: XCTestCase {
    private struct SourceFailed: Error {}

    /// Five blocks of two transfers; in block 3 the second transfer carries the first one's signature.
    private func makeBlocks() throws -> [Block] {
        var blocks = try StoreFixture.pairedTransfers(rounds: 5).blocks
        let third = blocks[2]
        let forged = SignedTransaction(transaction: third.transactions[1].transaction, signature: third.transactions[0].signature)
        blocks[2] = Block(header: third.header, signature: third.signature, transactions: [third.transactions[0], forged])
        return blocks
    }

    func testBlocksComeOutInOrderWithTheirOwnVerdictsAtEveryDepth() throws {
        let blocks = try makeBlocks()
        for depth in [1, 2, 4, 10] {
            var remaining = blocks[...]
            var ahead = SignatureLookahead(depth: depth)
            var seen = [(UInt64, [Bool])]()
            while let (block, signatures) = try ahead.next(from: { remaining.popFirst() }) {
                seen.append((block.height, signatures.map(\.transaction)))
            }
            XCTAssertEqual(seen.map(\.0), [1, 2, 3, 4, 5], "depth \(depth)")
            XCTAssertEqual(seen.map(\.1), [[true, true], [true, true], [true, false], [true, true], [true, true]], "depth \(depth)")
            XCTAssertNil(try ahead.next(from: { remaining.popFirst() }), "an exhausted source stays exhausted")
        }
    }

    func testASourceThatFailsAheadStillHandsOutTheBlocksBeforeIt() throws {
        let blocks = try makeBlocks()
        var reads = 0
        let source: () throws -> Block? = {
            defer { reads += 1 }
            if reads == 2 { throw SourceFailed() }
            return blocks[reads]
        }
        var ahead = SignatureLookahead(depth: 2)
        // The failing read happens while block 1 is handed out; it surfaces only when its turn comes.
        XCTAssertEqual(try ahead.next(from: source)?.block.height, 1)
        XCTAssertEqual(try ahead.next(from: source)?.block.height, 2)
        XCTAssertThrowsError(try ahead.next(from: source)) { XCTAssertTrue($0 is SourceFailed) }
        XCTAssertNil(try ahead.next(from: source), "nothing is read after a failure")
        XCTAssertEqual(reads, 3)
    }
}
