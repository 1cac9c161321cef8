import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

@testable import ProofmintFuzzTargets

/// Every seed and every input a fuzz run ever crashed on goes through the same entry functions as the fuzzer's
/// executables (`make fuzz`), in plain `swift test`: a regression comes back as a failing test here.
final class FuzzCorpusTests: XCTestCase {
    static let regressions = RepositoryRoot.url.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    /// The input files of one target under `folder` (dot files and READMEs are not inputs).
    static func inputs(of target: FuzzTarget, under folder: URL) throws -> [(name: String, bytes: Bytes)] {
        let directory = folder.appendingPathComponent(target.rawValue)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { !$0.hasPrefix(".") && !$0.hasPrefix("README") }
            .map { ($0, Bytes(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    func testEverySeedIsAcceptedByItsTarget() async throws {
        for target in FuzzTarget.allCases {
            let seeds = try Self.inputs(of: target, under: FuzzSeedCorpus.directory)
            XCTAssertFalse(seeds.isEmpty, "no seeds for \(target.rawValue)")
            for seed in seeds {
                let verdict = try await target.check(seed.bytes)
                XCTAssertEqual(verdict, .accepted, "\(target.rawValue)/\(seed.name)")
            }
        }
    }

    func testEveryRegressionInputRunsWithoutATrapOrABrokenInvariant() async throws {
        for target in FuzzTarget.allCases {
            for input in try Self.inputs(of: target, under: Self.regressions) {
                do {
                    _ = try await target.check(input.bytes)
                } catch {
                    XCTFail("\(target.rawValue)/\(input.name): \(error)")
                }
            }
        }
    }

    func testTheSeedCorpusIsWhatItsGeneratorWrites() async throws {
        let generated = try await FuzzSeedCorpus.generate()
        if ProcessInfo.processInfo.environment["PROOFMINT_WRITE_FUZZ_SEEDS"] == "1" { try FuzzSeedCorpus.write(generated) }
        for target in FuzzTarget.allCases {
            let committed = try Self.inputs(of: target, under: FuzzSeedCorpus.directory)
            let expected = generated[target] ?? [:]
            XCTAssertEqual(committed.map(\.name), expected.keys.sorted(), "\(target.rawValue): rerun with PROOFMINT_WRITE_FUZZ_SEEDS=1")
            for file in committed where expected[file.name] != file.bytes {
                XCTFail("\(target.rawValue)/\(file.name) differs from the generator's; rerun with PROOFMINT_WRITE_FUZZ_SEEDS=1")
            }
        }
    }

    /// libFuzzer calls from its own thread, never a Swift concurrency one; so does this test.
    func testTheBlockingEntryAnswersAsTheAsyncOne() async throws {
        let status = Array(#"{"jsonrpc":"2.0","id":1,"method":"pm_status"}"#.utf8)
        let verdicts = try await Self.onThread { [try FuzzTarget.rpc.checkBlocking(status), try FuzzTarget.rpc.checkBlocking(Array("{".utf8))] }
        XCTAssertEqual(verdicts, [.accepted, .refused])
    }

    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
