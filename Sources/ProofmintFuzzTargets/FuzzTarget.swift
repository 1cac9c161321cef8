import Foundation
import ProofmintCore

/// The fuzz targets of issue 13: one per decoder that reads untrusted bytes, and the JSON-RPC handler. The fuzz
/// executables (`Fuzz/`), the seed corpus (`Fuzz/Corpus/<rawValue>/`) and the regression inputs
/// (`Tests/Fixtures/fuzz-regressions/<rawValue>/`) are named by `rawValue`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case transaction
    case block
    case receipts
    case chainFile = "chain-file"
    case genesis
    case keystore
    case rpc

    /// Runs one input. Returns whether it was accepted or refused; throws if an invariant broke. A trap in the code
    /// under test is a bug to fix there, never here.
    public func check(_ input: Bytes) async throws(FuzzFailure) -> FuzzVerdict {
        switch self {
        case .rpc: return try await RPCTarget.check(input)
        default: return try checkSynchronously(input)
        }
    }

    /// The same, for libFuzzer's synchronous callback: the RPC target's async work runs on a detached task while
    /// the calling thread (libFuzzer's, never a Swift concurrency thread) waits for it.
    public func checkBlocking(_ input: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard self == .rpc else { return try checkSynchronously(input) }
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(FuzzFailure) {
                box.set(.success(try await RPCTarget.check(input)))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try box.get()
    }

    private func checkSynchronously(_ input: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        switch self {
        case .transaction: return try CodecTargets.transaction(input)
        case .block: return try CodecTargets.block(input)
        case .receipts: return try CodecTargets.receipts(input)
        case .chainFile: return try ChainFileTarget.check(input)
        case .genesis: return try GenesisTarget.check(input)
        case .keystore: return try KeystoreTarget.check(input)
        case .rpc: throw FuzzFailure(.rpc, "the RPC target is asynchronous")
        }
    }
}

/// Hands a result from the detached task to the waiting thread (the semaphore orders the write before the read;
/// the lock says so to ThreadSanitizer as well).
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<FuzzVerdict, FuzzFailure> = .success(.refused)

    func set(_ result: Result<FuzzVerdict, FuzzFailure>) { lock.withLock { self.result = result } }
    func get() throws(FuzzFailure) -> FuzzVerdict { try lock.withLock { result }.get() }
}
