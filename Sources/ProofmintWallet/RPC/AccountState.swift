import ProofmintCore

extension AccountResult {
    /// Checks the proof against `stateRoot` for `address`, and that the reported balance and nonce are the proven ones.
    /// Returns the proven account (`Account.empty` when the proof shows the account does not exist).
    public func verifiedAccount() throws(ProofError) -> Account {
        guard let proof else { throw .missing }
        let proven = try AccountProof(proof).verify(address: address, root: stateRoot) ?? .empty
        guard proven.balance == balance, proven.nonce == nonce else {
            throw .disagreesWithReport(
                "the node reported balance \(balance) and nonce \(nonce), but the proof shows balance \(proven.balance) and nonce \(proven.nonce)")
        }
        return proven
    }
}
