import Dispatch
import Foundation
import ProofmintCore

/// libsodium's raw `crypto_sign_verify_detached` rate: the yardstick every throughput figure is compared with.
public struct VerifyRate: Sendable {
    public let singleCore: Double
    public let allCores: Double

    public static func measure(signatures count: Int) -> VerifyRate {
        let keys = (0..<64).map { try? Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/verify/\($0)".utf8))) }.compactMap { $0 }
        let messages = (0..<count).map { Blake2b.hash256(Array("message \($0)".utf8)) + Bytes(repeating: 0x5a, count: 100) }
        let signatures = messages.enumerated().map { keys[$0.offset % keys.count].signature(for: $0.element) }
        var start = ContinuousClock.now
        var valid = 0
        for index in 0..<count where keys[index % keys.count].publicKey.isValidSignature(signatures[index], for: messages[index]) {
            valid += 1
        }
        let single = Double(count) / (ContinuousClock.now - start).seconds
        precondition(valid == count, "benchmark signatures must verify")
        start = ContinuousClock.now
        let cores = ProcessInfo.processInfo.activeProcessorCount
        DispatchQueue.concurrentPerform(iterations: cores) { chunk in
            var index = chunk
            while index < count {
                _ = keys[index % keys.count].publicKey.isValidSignature(signatures[index], for: messages[index])
                index += cores
            }
        }
        let all = Double(count) / (ContinuousClock.now - start).seconds
        return VerifyRate(singleCore: single, allCores: all)
    }

    /// The higher of two measurements, rate by rate. On a shared VM whose speed drifts, a figure is compared with the
    /// best the machine verified around it (before and after the run), so a slow moment never flatters it.
    public func best(_ other: VerifyRate) -> VerifyRate {
        VerifyRate(singleCore: Swift.max(singleCore, other.singleCore), allCores: Swift.max(allCores, other.allCores))
    }

    /// `measure` before `run` and again after it; returns `run`'s result with the better of the two rates.
    public static func around<T>(signatures count: Int, _ run: () throws -> T) rethrows -> (result: T, verify: VerifyRate) {
        let before = measure(signatures: count)
        let result = try run()
        return (result, before.best(measure(signatures: count)))
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    public var milliseconds: Double { seconds * 1000 }
}
