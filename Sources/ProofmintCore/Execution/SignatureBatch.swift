/// Verifies many transaction signatures on all cores. The result depends only on the inputs.
public enum SignatureBatch {
    public static func verify(_ transactions: [SignedTransaction]) -> [Bool] {
        ParallelMap.map(count: transactions.count) { transactions[$0].hasValidSignature() }
    }
}
