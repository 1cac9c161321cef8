import ProofmintCore
import ProofmintRPC
import XCTest

/// The wallet measures a proposed step as the chain will: from the value at the start of an open change window.
final class ParametersResultTests: XCTestCase {
    private let parameter = "compute.protocol_fee_bps"

    private func result(height: UInt64) -> ParametersResult {
        var parameters = Parameters.defaults
        parameters.compute.protocolFeeBps = 36  // changed once, from 30, at height 50
        return ParametersResult(
            height: height, parameters: parameters, changeWindows: [ChangeWindowView(name: parameter, startHeight: 50, valueAtStart: 30)])
    }

    func testAnOpenWindowMeasuresFromItsStart() throws {
        let open = result(height: 100)
        XCTAssertEqual(open.stepBase(parameter), 30)
        XCTAssertEqual(open.stepBase("compute.quality_max_bps"), UInt128(Parameters.defaults.compute.qualityMaxBps), "no window: the value in force")
        XCTAssertNil(open.stepBase("no.such.parameter"))
        // The window survives the JSON round trip the wallet reads it through.
        XCTAssertEqual(try ParametersResult(json: open.json).stepBase(parameter), 30)
    }

    func testAClosedWindowMeasuresFromTheValueInForce() {
        let closed = result(height: 50 + Parameters.defaults.governance.changeWindowBlocks)
        XCTAssertEqual(closed.stepBase(parameter), 36)
    }
}
