import ProofmintCore

/// `pm_getAccount`: an account's balance and nonces at a height, with an optional state proof.
public struct AccountState: Equatable, Sendable {
    public let address: Address
    public let balance: Amount
    /// The next nonce the chain expects.
    public let nonce: UInt64
    /// `nonce` plus this sender's transactions waiting in the mempool: the nonce to sign the next one with.
    public let pendingNonce: UInt64
    public let height: UInt64
    public let stateRoot: Hash32
    public let proof: AccountProof?
    public let json: JSONValue

    public init(json: JSONValue) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: "result")
        address = try reader.address("address")
        balance = try reader.amount("balance")
        nonce = try reader.uint64("nonce")
        pendingNonce = try reader.optionalUInt64("pending_nonce") ?? nonce
        height = try reader.uint64("height")
        stateRoot = try reader.hash("state_root")
        proof = try reader.optionalObject("proof").map { (proofReader) throws(JSONShapeError) in try AccountProof(reader: proofReader) }
        self.json = json
    }

    /// Checks the proof against `stateRoot` for `address`, and that the reported balance and nonce are the proven ones.
    /// Returns the proven account (`Account.empty` when the proof shows the account does not exist).
    public func verifiedAccount() throws(ProofError) -> Account {
        guard let proof else { throw .missing }
        let proven = try proof.verify(address: address, root: stateRoot) ?? .empty
        guard proven.balance == balance, proven.nonce == nonce else {
            throw .disagreesWithReport(
                "the node reported balance \(balance) and nonce \(nonce), but the proof shows balance \(proven.balance) and nonce \(proven.nonce)")
        }
        return proven
    }
}
