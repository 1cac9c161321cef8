import Dispatch

/// `(0..<count).map(transform)` on every core, in up to 64 chunks: for work whose items are independent and costly
/// (signature checks, VRF proofs). The result depends only on the inputs and is in index order, never on timing.
public enum ParallelMap {
    /// Below `threshold` items the map runs on the calling thread: dispatching would cost more than it saves.
    public static func map<T: Sendable>(count: Int, threshold: Int = 64, _ transform: @Sendable (Int) -> T) -> [T] {
        if count < threshold { return (0..<count).map(transform) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let chunks = Swift.min(count, 64)
        // Each index is written by exactly one chunk and read only after `concurrentPerform` returns.
        nonisolated(unsafe) let output = slots
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk * count / chunks
            let end = (chunk + 1) * count / chunks
            while index < end {
                output[index] = transform(index)
                index += 1
            }
        }
        return slots.compactMap { $0 }
    }
}
