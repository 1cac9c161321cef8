import Dispatch

/// Verifies many transaction signatures on all cores. The result depends only on the inputs.
public enum SignatureBatch {
    public static func verify(_ transactions: [SignedTransaction]) -> [Bool] {
        let count = transactions.count
        if count < 64 { return transactions.map { $0.hasValidSignature() } }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: count)
        defer { results.deallocate() }
        results.initialize(repeating: false)
        let chunks = Swift.min(count, 64)
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var index = chunk * count / chunks
            let end = (chunk + 1) * count / chunks
            while index < end {
                output[index] = transactions[index].hasValidSignature()
                index += 1
            }
        }
        return Array(results)
    }
}
