/// Verifies many transactions' signatures (a `submit-proof`'s receipt signature too) on all cores. The result depends
/// only on the inputs.
public enum SignatureBatch {
    public static func verify(_ transactions: [SignedTransaction]) -> [SignatureCheck] {
        ParallelMap.map(count: transactions.count) { SignatureCheck(checking: transactions[$0]) }
    }
}
