import ProofmintCore

/// The transfers of a load run, signed before any clock starts: `transactions / senders` from each sender, ordered
/// nonce by nonce across senders so that batches sent side by side never leave a nonce gap.
struct LoadTransactions {
    let senderAddresses: [Address]
    let transactions: [SignedTransaction]

    init(senders: Int, transactions count: Int, chainId: String, fee: Amount) throws {
        let keys = try (0..<senders).map { try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("loadtest/sender/\($0)".utf8))) }
        senderAddresses = keys.map { Address(publicKey: $0.publicKey) }
        let perSender = count / senders
        var signed = [SignedTransaction]()
        signed.reserveCapacity(perSender * senders)
        for nonce in 0..<perSender {
            for (index, key) in keys.enumerated() {
                let recipient = senderAddresses[(index + nonce + 1) % senders]
                let transfer = Transaction(
                    chainId: chainId, sender: key.publicKey, nonce: UInt64(nonce), fee: fee,
                    payload: .transfer(Transfer(recipient: recipient, amount: 1_000_000)))
                signed.append(transfer.signed(by: key))
            }
        }
        self.transactions = signed
    }
}
