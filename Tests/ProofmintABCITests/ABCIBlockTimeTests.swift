@testable import ProofmintABCI
import SwiftProtobuf
import XCTest

/// CometBFT's block time (a protobuf Timestamp) as Proofmint's milliseconds: any value a peer sends gives a number, never
/// a trap.
final class ABCIBlockTimeTests: XCTestCase {
    private func time(_ seconds: Int64, _ nanos: Int32) -> Google_Protobuf_Timestamp {
        .with {
            $0.seconds = seconds
            $0.nanos = nanos
        }
    }

    func testMillisecondsTruncateNanosAndClampAtBothEnds() {
        XCTAssertEqual(ABCIApplication.milliseconds(time(1_767_225_600, 999_999_999)), 1_767_225_600_999)
        XCTAssertEqual(ABCIApplication.milliseconds(time(0, 1_000_000)), 1)
        XCTAssertEqual(ABCIApplication.milliseconds(time(-5, 0)), 0)
        XCTAssertEqual(ABCIApplication.milliseconds(time(0, -7)), 0)
        XCTAssertEqual(ABCIApplication.milliseconds(time(.max, .max)), .max)
    }
}
