import ProofmintCore

extension Mempool {
    /// One pending transaction with what the pool needs to order, bound and expire it. A class, not a struct: the pool
    /// moves entries between its queues, the index and the candidates, and a struct copied the transaction's and the
    /// address's references at every move (seven retains and releases); nothing in an entry changes once it is made.
    final class Entry: Sendable {
        /// Checked at admission: the producer builds blocks from these without checking the signatures again.
        let verified: VerifiedTransaction
        var transaction: SignedTransaction { verified.signed }
        let id: Hash32
        let sender: Address
        let size: Int
        /// Arrival order: breaks fee ties so selection and eviction never depend on hashing.
        let sequence: UInt64
        /// The head height and clock (Unix ms) at admission: a gapped transaction expires a lifetime after them.
        let admittedHeight: UInt64
        let admittedAt: UInt64
        let nonce: UInt64
        let fee: Amount
        /// Kept, not derived: eviction compares it across the whole pool.
        let feeRate: FeeRate

        init(verified: VerifiedTransaction, id: Hash32, sender: Address, size: Int, sequence: UInt64, admittedHeight: UInt64, admittedAt: UInt64) {
            self.verified = verified
            let transaction = verified.signed
            self.id = id
            self.sender = sender
            self.size = size
            self.sequence = sequence
            self.admittedHeight = admittedHeight
            self.admittedAt = admittedAt
            nonce = transaction.transaction.nonce
            fee = transaction.transaction.fee
            feeRate = FeeRate(fee: fee, size: size)
        }

        /// The eviction order: cheapest per byte first; among equals the latest arrival goes first, so a flood that
        /// comes after honest traffic cannot push it out at the same price.
        static func evictedBefore(_ a: Entry, _ b: Entry) -> Bool {
            a.feeRate != b.feeRate ? a.feeRate < b.feeRate : a.sequence > b.sequence
        }
    }
}
