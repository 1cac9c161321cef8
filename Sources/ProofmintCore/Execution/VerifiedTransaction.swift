/// A signed transaction whose signature has been checked. It can only be made by checking (`init?(verifying:)`, or
/// `StateTransition.checkAdmission`, which checks it among the admission checks), so a block built from these
/// (`StateTransition.propose(verified:…)`) need not check the signatures again: the producer checks each transaction's
/// signature once, at admission (issue 14, point 2).
///
/// Why this is sound: a signature is valid or not from the transaction's bytes alone (the signed message holds its
/// chain id, sender, nonce, fee and payload; PROTOCOL.md §3), so a check made at admission holds at inclusion, whatever
/// happened to the state in between. A block from anywhere else, a replay and an import take `SignedTransaction`s
/// and check every signature (`StateTransition.apply`).
public struct VerifiedTransaction: Sendable, Equatable {
    public let signed: SignedTransaction
    public var id: Hash32 { signed.id }
    public var transaction: Transaction { signed.transaction }

    /// `signed`, if its signature verifies.
    public init?(verifying signed: SignedTransaction) {
        guard signed.hasValidSignature() else { return nil }
        self.signed = signed
    }

    /// For the core's own checks that have just verified the signature.
    init(checked signed: SignedTransaction) {
        self.signed = signed
    }
}
