import Dispatch

/// A value computed on another queue and collected with `wait()`: behind `SignatureLookahead`, which checks the next
/// blocks' signatures while one executes (`BlockImporter`, and the audit replayer above storage). What it yields
/// depends only on the work it was given, never on timing.
public final class Future<Value: Sendable>: @unchecked Sendable {
    // Written once by the work (before `group.leave()`), read only after `group.wait()`.
    private var value: Value?
    private let group = DispatchGroup()

    /// A future that is already resolved: for the first stage of a pipeline, which has nothing to overlap with.
    public init(value: Value) {
        self.value = value
    }

    /// Starts `work` on `queue` at once.
    public init(on queue: DispatchQueue = .global(qos: .userInitiated), _ work: @escaping @Sendable () -> Value) {
        group.enter()
        queue.async { [self] in
            value = work()
            group.leave()
        }
    }

    /// Blocks until the work is done and returns its value.
    public func wait() -> Value {
        group.wait()
        guard let value else { preconditionFailure("a future's work left before setting its value") }
        return value
    }
}
