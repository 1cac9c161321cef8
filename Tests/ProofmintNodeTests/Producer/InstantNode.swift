import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// An instant-mode validator node over a fresh LMDB home in its own temporary directory (durability off, a quiet
/// logger): what the producer tests start from. The directory is removed when `test` tears down.
struct InstantNode {
    let node: Node

    init(
        chain: TestChain, validator: String, label: String, removedAfter test: XCTestCase,
        clock: @escaping @Sendable () -> UInt64 = ProducerClock.wallClock,
        sleep: @escaping @Sendable (_ milliseconds: UInt64) async throws -> Void = ProducerClock.taskSleep
    ) throws {
        let directory = NSTemporaryDirectory() + "proofmint-\(label)-\(UUID().uuidString)"
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ChainStore.create(
            at: directory, genesis: chain.genesis, genesisFile: [], options: .init(mapSize: 1 << 30, durability: .none))
        var logger = Logger(label: "proofmint.test.\(label)")
        logger.logLevel = .critical
        node = Node(
            store: store, validator: ValidatorKey(name: validator, key: TestKeys.key(validator)), mode: .instant,
            emptyBlocks: false, logger: logger, clock: clock, sleep: sleep)
    }
}
