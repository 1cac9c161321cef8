import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// Admission's tip reads each key from the store once a batch, and answers every read as the store would.
final class RememberingStateTests: XCTestCase {
    /// Counts the reads that reach it, and fails those of one key, as a damaged record would.
    private final class CountingState: StateReader {
        let base: any StateReader
        let damaged: StateKey
        var reads = [StateKey: Int]()

        init(_ base: any StateReader, damaged: StateKey) {
            self.base = base
            self.damaged = damaged
        }

        func value(for key: StateKey) throws(StateReadError) -> Bytes? {
            reads[key, default: 0] += 1
            guard key != damaged else { throw StateReadError("damaged record") }
            return try base.value(for: key)
        }

        func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { try base.treeNode(at: path) }
    }

    func testEachKeyIsReadOnceAndAnsweredAsTheStoreWould() throws {
        let chain = try TestChain(validators: ["validator-a"], users: [("alice", 5 * Tokens.one)])
        let alice = StateKey.account(TestKeys.address("alice")), nobody = StateKey.account(TestKeys.address("nobody"))
        let damaged = StateKey.account(TestKeys.address("damaged"))
        let counting = CountingState(chain.store, damaged: damaged)
        let remembering = RememberingState(counting)
        for _ in 0..<3 {
            for key in [alice, nobody, StateKey.totals, StateKey.parameters] {
                XCTAssertEqual(try remembering.value(for: key), try chain.store.value(for: key), "\(key)")
            }
            XCTAssertThrowsError(try remembering.value(for: damaged), "a failed read is not remembered as absent")
        }
        XCTAssertNotNil(try remembering.value(for: alice))
        XCTAssertNil(try remembering.value(for: nobody), "an absent record is remembered as absent")
        XCTAssertEqual(counting.reads[alice], 1)
        XCTAssertEqual(counting.reads[nobody], 1)
        XCTAssertEqual(counting.reads[.totals], 1)
        XCTAssertEqual(counting.reads[damaged], 3, "a failed read is tried again")
        XCTAssertEqual(try remembering.account(TestKeys.address("alice")), try chain.store.account(TestKeys.address("alice")))
    }
}
