import ProofmintCore
import XCTest

@testable import ProofmintFuzzTargets

/// The harness's own checks catch what they exist to catch.
final class FuzzTargetPropertyTests: XCTestCase {
    /// A decoder that takes any non-zero byte for `true`: two encodings of one value.
    private struct LenientFlag: CanonicalCodable, Equatable {
        let on: Bool
        func encode(to writer: inout CanonicalWriter) { writer.u8(on ? 1 : 0) }
        static func decode(from reader: inout CanonicalReader) throws(CodecError) -> LenientFlag { LenientFlag(on: try reader.u8() != 0) }
    }

    func testANonCanonicalDecoderIsReported() throws {
        XCTAssertEqual(try CanonicalRoundTrip.check(LenientFlag.self, [1], target: .block), LenientFlag(on: true))
        XCTAssertThrowsError(try CanonicalRoundTrip.check(LenientFlag.self, [2], target: .block)) { error in
            XCTAssertTrue("\(error)".contains("non-canonical"), "\(error)")
        }
        XCTAssertNil(try CanonicalRoundTrip.check(LenientFlag.self, [], target: .block))
    }

    func testTrailingBytesAreRefusedNotAccepted() throws {
        let seeds = try FuzzCorpusTests.inputs(of: .transaction, under: FuzzSeedCorpus.directory)
        let seed = try XCTUnwrap(seeds.first)
        XCTAssertEqual(try FuzzTarget.transaction.checkBlocking(seed.bytes), .accepted)
        XCTAssertEqual(try FuzzTarget.transaction.checkBlocking(seed.bytes + [0]), .refused)
    }

    func testResealingRepairsAMutatedFrameSoTheBlockDecoderSeesIt() throws {
        let seeds = try FuzzCorpusTests.inputs(of: .chainFile, under: FuzzSeedCorpus.directory)
        let file = Array(try XCTUnwrap(seeds.first { $0.name.hasPrefix("as-is") }).bytes.dropFirst())
        XCTAssertEqual(ChainFileFrames.reseal(file), file)
        var mutated = file
        mutated[mutated.count - 20] ^= 0xff  // inside the end frame's last hash
        XCTAssertNotEqual(ChainFileFrames.reseal(mutated), mutated)
        XCTAssertEqual(ChainFileFrames.reseal(ChainFileFrames.reseal(mutated)), ChainFileFrames.reseal(mutated))
    }

}
