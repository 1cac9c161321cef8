/// A validator's genesis bond: `amount` moved from its address's allocation into a `Stake` of that address, so that
/// double-sign evidence has something to slash from the first block (protocol version 2).
public struct ValidatorBond: Equatable, Sendable {
    /// `Address(publicKey:)` of the validator.
    public let address: Address
    public let amount: Amount

    public init(address: Address, amount: Amount) {
        self.address = address
        self.amount = amount
    }
}
