import Foundation
import ProofmintAudit
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


    /// The chain-file regression: a block at height 2^64 − 1 followed by another is a typed error, not a trap.
    func testABlockAfterTheLastPossibleHeightIsAChainFileError() throws {
        let regression = try XCTUnwrap(
            FuzzCorpusTests.inputs(of: .chainFile, under: FuzzCorpusTests.regressions).first { $0.name.hasPrefix("crash-aa642f3a") })
        let path = NSTemporaryDirectory() + "proofmint-height-max-\(UUID().uuidString).pmc"
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(ChainFileFrames.reseal(Array(regression.bytes.dropFirst())))))
        let reader = try ChainFileReader(path: path)
        XCTAssertEqual(try reader.nextBlock()?.height, UInt64.max)
        XCTAssertThrowsError(try reader.nextBlock()) { error in
            XCTAssertTrue("\(error)".contains("does not follow block \(UInt64.max)"), "\(error)")
        }
    }
}
