/// A signed transaction whose signatures have been checked: the sender's, and a `submit-proof`'s consumer signature
/// over its receipt. It can only be made by checking (`init?(verifying:)`, or `StateTransition.checkAdmission`, which
/// checks them among the admission checks), so a block built from these (`StateTransition.propose(verified:…)`) need
/// not check the signatures again: the producer checks each signature once, at admission (issue 14, point 2).
///
/// Why this is sound: a signature is valid or not from the transaction's bytes alone (the signed message holds its
/// chain id, sender, nonce, fee and payload, and a receipt's holds the receipt; PROTOCOL.md §3), so a check made at
/// admission holds at inclusion, whatever happened to the state in between. A block from anywhere else, a replay and
/// an import take `SignedTransaction`s and check every signature (`StateTransition.apply`).
public struct VerifiedTransaction: Sendable, Equatable {
    public let signed: SignedTransaction
    public var id: Hash32 { signed.id }
    public var transaction: Transaction { signed.transaction }

    /// `signed`, if its signature verifies, and its receipt's too if it carries one.
    public init?(verifying signed: SignedTransaction) {
        guard SignatureCheck(checking: signed).allValid else { return nil }
        self.signed = signed
    }

    /// For the core's own checks that have just verified the signatures.
    init(checked signed: SignedTransaction) {
        self.signed = signed
    }
}
