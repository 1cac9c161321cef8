import ProofmintCore

/// The transfers of a load run, signed before any clock starts: `transactions / senders` from each sender, ordered
/// nonce by nonce across senders so that batches sent side by side never leave a nonce gap.
struct LoadTransactions {
    let senderAddresses: [Address]
    let transactions: [SignedTransaction]

    /// With `accounts` > 0 each transfer goes to one of that many plain accounts (`LoadGenesis.plainAccount`), drawn
    /// by a fixed sequence; otherwise to another sender.
    init(senders: Int, transactions count: Int, accounts: Int, chainId: String, fee: Amount) throws {
        let keys = try (0..<senders).map { try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("loadtest/sender/\($0)".utf8))) }
        senderAddresses = keys.map { Address(publicKey: $0.publicKey) }
        let perSender = count / senders
        var signed = [SignedTransaction]()
        signed.reserveCapacity(perSender * senders)
        var draw: UInt64 = 0x9e37_79b9_7f4a_7c15
        for nonce in 0..<perSender {
            for (index, key) in keys.enumerated() {
                draw = draw &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let recipient = accounts > 0
                    ? LoadGenesis.plainAccount(Int(draw >> 33) % accounts) : senderAddresses[(index + nonce + 1) % senders]
                let transfer = Transaction(
                    chainId: chainId, sender: key.publicKey, nonce: UInt64(nonce), fee: fee,
                    payload: .transfer(Transfer(recipient: recipient, amount: 1_000_000)))
                signed.append(transfer.signed(by: key))
            }
        }
        self.transactions = signed
    }
}
