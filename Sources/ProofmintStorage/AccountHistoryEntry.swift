import ProofmintCore

/// One transaction in an account's history: where it is and its id.
public struct AccountHistoryEntry: Equatable, Sendable {
    public let height: UInt64
    public let index: UInt32
    public let transactionId: Hash32

    public init(height: UInt64, index: UInt32, transactionId: Hash32) {
        self.height = height
        self.index = index
        self.transactionId = transactionId
    }
}
