import ProofmintCore
import ProofmintTestSupport

/// A small signed transfer from `name`'s test key to a sink, as the mempool tests queue them.
func mempoolTransfer(_ name: String, nonce: UInt64, fee: Amount = 1_000, chainId: String = "proofmint-test") -> SignedTransaction {
    Transaction(
        chainId: chainId, sender: TestKeys.key(name).publicKey, nonce: nonce, fee: fee,
        payload: .transfer(Transfer(recipient: TestKeys.address("sink"), amount: 1))
    ).signed(by: TestKeys.key(name))
}
