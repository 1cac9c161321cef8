import Foundation
import XCTest

@testable import ProofmintNode

/// The follower's back-off per peer: a refused block rests the peer longer each time; an unreachable one is retried
/// at the base back-off, so a validator that comes back is watched again soon.
final class PeerRecordTests: XCTestCase {
    private let options: FollowOptions = {
        var options = FollowOptions(peers: [])
        options.backoffMs = 1_000
        options.maxBackoffMs = 3_000
        return options
    }()

    private func record() throws -> PeerRecord {
        PeerRecord(client: PeerClient(url: try XCTUnwrap(URL(string: "http://127.0.0.1:1")), timeoutSeconds: 1))
    }

    /// The back-off the last failure set, in whole milliseconds from `before`.
    private func rest(_ peer: PeerRecord, since before: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (peer.retryAt - before).components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }

    func testRefusedBlocksDoubleTheBackOffUpToItsCapAndAnAcceptedBatchClearsIt() throws {
        var peer = try record()
        var rests: [Int64] = []
        for _ in 0..<4 {
            let before = ContinuousClock.now
            peer.failed(.backingOff, "state root mismatch", options: options)
            rests.append(rest(peer, since: before) / 1_000)
        }
        XCTAssertEqual(rests, [1, 2, 3, 3])
        XCTAssertFalse(peer.usable)
        peer.answered(height: 7)
        XCTAssertEqual(peer.state, .backingOff, "a peer still resting stays backed off when it answers")
        peer.served()
        XCTAssertEqual(peer.state, .ok)
        XCTAssertNil(peer.lastError)
        XCTAssertEqual(peer.failures, 0)
    }

    func testAnUnreachablePeerIsRetriedAtTheBaseBackOffAndIsOkOnceItAnswers() throws {
        var peer = try record()
        for _ in 0..<5 {
            let before = ContinuousClock.now
            peer.failed(.unreachable, "connection refused", options: options)
            XCTAssertEqual(rest(peer, since: before) / 1_000, 1)
        }
        peer.answered(height: 3)
        XCTAssertEqual(peer.state, .ok)
        XCTAssertEqual(peer.height, 3)
        XCTAssertNil(peer.lastError)
    }

    func testAPeerOfAnotherChainIsNeverUsable() throws {
        var peer = try record()
        peer.failed(.wrongGenesis, "its genesis differs", options: options)
        peer.answered(height: 10)
        XCTAssertEqual(peer.state, .wrongGenesis)
        XCTAssertFalse(peer.usable)
    }
}
